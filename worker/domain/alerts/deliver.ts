/**
 * Delivery of outbox rows: claim (lease), send through the channel, record success or schedule a retry with
 * exponential backoff (1, 2, 4, 8, 16 minutes; `failed` after 6 attempts).
 * @module
 */
import type { DomainCtx } from '../context'
import { type AlertRow, claimDueAlerts, markFailed, markSent } from '../../db/queries/alerts'
import { getChannel } from '../../db/queries/reps'
import type { AlertPayload } from './payload'
import { logLine, slackMessage, teamsMessage, webhookEvent } from './render'
import { signWebhook } from './sign'

const SEND_TIMEOUT_MS = 10_000
/** Concurrent sends per tick. */
const PARALLEL = 6

const channelCache = new WeakMap<DomainCtx, Map<string, ReturnType<typeof getChannel>>>()
/** Channels are read once per tick (ctx), not once per alert. */
const channelOf = (ctx: DomainCtx, id: string) => {
  let cache = channelCache.get(ctx)
  if (!cache) channelCache.set(ctx, (cache = new Map()))
  if (!cache.has(id)) cache.set(id, getChannel(ctx.db, id))
  return cache.get(id)!
}

/** Sends one alert; throws on any failure (network, non-2xx). */
const send = async (ctx: DomainCtx, row: AlertRow) => {
  const payload = row.payload as AlertPayload
  const channel = row.channelId ? await channelOf(ctx, row.channelId) : undefined
  if (!channel || channel.kind === 'log') {
    console.log(logLine(payload, row.recipient, ctx.now))
    return
  }
  const appUrl = ctx.env.APP_URL ?? ''
  let body: string
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'handoff-alerts/1' }
  if (channel.kind === 'slack') body = JSON.stringify(slackMessage(payload, appUrl, ctx.now))
  else if (channel.kind === 'teams') body = JSON.stringify(teamsMessage(payload, appUrl, ctx.now))
  else {
    body = JSON.stringify(webhookEvent(payload, appUrl, ctx.now))
    // The message id stays the same across retries, as the spec asks; the timestamp is the real send time.
    Object.assign(headers, await signWebhook(channel.secret ?? '', row.id, Math.floor(Date.now() / 1000), body))
  }
  const res = await fetch(channel.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) })
  await res.body?.cancel()
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${channel.kind} channel ${channel.id}`)
}

/** Sends claimed rows (a few at a time) and records every outcome in one batch. Returns how many were sent. */
const sendClaimed = async (ctx: DomainCtx, rows: AlertRow[]) => {
  const outcomes: Array<{ row: AlertRow; error: string | null }> = []
  for (let i = 0; i < rows.length; i += PARALLEL) {
    await Promise.all(
      rows.slice(i, i + PARALLEL).map(async (row) => {
        try {
          await send(ctx, row)
          outcomes.push({ row, error: null })
        } catch (err) {
          outcomes.push({ row, error: err instanceof Error ? err.message : String(err) })
        }
      }),
    )
  }
  const [first, ...rest] = outcomes.map(({ row, error }) =>
    error === null
      ? markSent(ctx.db, row.id, ctx.now, row.attempts + 1)
      : markFailed(ctx.db, row.id, ctx.now, row.attempts + 1, error),
  )
  if (first) await ctx.db.batch([first, ...rest])
  return outcomes.filter((o) => o.error === null).length
}

/**
 * Delivers pending alerts due by `ctx.now` (the cron's half of the outbox, retries included).
 * @example await deliverDueAlerts(ctx)
 */
export const deliverDueAlerts = async (ctx: DomainCtx, limit = 200) =>
  sendClaimed(ctx, await claimDueAlerts(ctx.db, ctx.now, limit))

/**
 * Delivers the given alerts now if still pending and due (right after enqueueing them).
 * @example await deliverAlerts(ctx, ['alr_1'])
 */
export const deliverAlerts = async (ctx: DomainCtx, ids: string[]) =>
  ids.length ? sendClaimed(ctx, await claimDueAlerts(ctx.db, ctx.now, ids.length, ids)) : 0

/**
 * Runs delivery in the background when the runtime allows (`ctx.waitUntil`), else awaits it.
 * Failures are never thrown to the caller: the outbox keeps the row for the cron.
 */
export const deliverSoon = async (ctx: DomainCtx, ids: string[]) => {
  const job = deliverAlerts(ctx, ids).catch((err) => console.error('alert delivery', err))
  if (ctx.waitUntil) ctx.waitUntil(job)
  else await job
}
