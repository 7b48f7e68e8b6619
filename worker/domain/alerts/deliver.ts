/**
 * Delivery of outbox rows, one alert at a time: claim it (a lease), send it through its channel, and record the
 * outcome at once, so a slow receiver never leaves finished sends unrecorded while another tick looks for work.
 * Failures are retried with jittered exponential backoff, or later if the receiver says so (`Retry-After`),
 * and left `failed` after {@link MAX_ATTEMPTS} attempts.
 * @module
 */
import type { DomainCtx } from '../context'
import { type AlertRow, claimableAlertIds, claimAlert, markFailed, markRetry, markSent } from '../../db/queries/alerts'
import { type ChannelRow, getChannel } from '../../db/queries/reps'
import type { OutboundEvent } from '../../../shared/schemas/outbound-events'
import { SUBSCRIBER } from './lead-events'
import type { AlertPayload } from './payload'
import { withCrmLink } from './crm-link'
import { sendAlertEmail } from './email-message'
import { leadLink, logLine, slackMessage, webhookEvent } from './render'
import { teamsMessage } from './teams-card'
import { MAX_ATTEMPTS, parseRetryAfter, retryDelayMs } from './retry'
import { signWebhook } from './sign'

const SEND_TIMEOUT_MS = 10_000
/**
 * How long a claim holds off other ticks. Far longer than a send can take (the fetch times out first), so a
 * live claim is never taken over; one that lapses belongs to a tick that died, and its alert is retried.
 */
const LEASE_MS = 2 * 60_000
/** Concurrent sends per tick. */
const PARALLEL = 6

/** A send that did not reach a 2xx, with the receiver's `Retry-After` if it gave one. */
class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message)
  }
}

const channelCache = new WeakMap<DomainCtx, Map<string, ReturnType<typeof getChannel>>>()
/** Channels are read once per tick (ctx), not once per alert. */
const channelOf = (ctx: DomainCtx, id: string) => {
  let cache = channelCache.get(ctx)
  if (!cache) channelCache.set(ctx, (cache = new Map()))
  if (!cache.has(id)) cache.set(id, getChannel(ctx.db, id))
  return cache.get(id)!
}

/**
 * `ctx.now` moved on by the whole seconds of real time spent since this call (the default `ctx.clock`).
 * Seconds are all a lease or a retry needs, and they keep a short tick's times on its scheduled time.
 */
const elapsedClock = (now: number) => {
  const start = Date.now()
  return () => now + Math.floor((Date.now() - start) / 1000) * 1000
}

/** The stored event with the link to the lead in Handoff (the app's URL is known at send time). */
const withLeadUrl = (e: OutboundEvent, appUrl: string): OutboundEvent => ({
  ...e,
  data: { ...e.data, lead: { ...e.data.lead, url: leadLink(appUrl, e.data.lead.id) } },
})

/** Sends one alert; throws on any failure (network, timeout, non-2xx). */
const send = async (ctx: DomainCtx, row: AlertRow, clock: () => number) => {
  const channel = row.channelId ? await channelOf(ctx, row.channelId) : undefined
  const appUrl = ctx.env.APP_URL ?? ''
  if (row.recipient === SUBSCRIBER) {
    // A subscriber removed (or turned into a non-webhook channel) since the event was queued gets nothing.
    if (!channel || channel.kind !== 'webhook') return
    const body = JSON.stringify(withLeadUrl(row.payload as OutboundEvent, appUrl))
    return post(channel, row.id, body, clock)
  }
  if (!channel || channel.kind === 'log') {
    const log = ctx.logAlert ?? console.log
    log(logLine(row.payload as AlertPayload, row.recipient, ctx.now))
    return
  }
  return sendToChannel(ctx, channel, row.payload as AlertPayload, row.id, clock)
}

/**
 * Sends one alert payload through a channel in its format (Slack, Teams, signed webhook, or the log); throws on
 * any failure. `messageId` is the webhook id a receiver deduplicates by. Shared by the outbox and test sends.
 * @example await sendToChannel(ctx, channel, payload, 'alr_1', () => Date.now())
 */
export const sendToChannel = async (
  ctx: DomainCtx,
  channel: ChannelRow,
  alert: AlertPayload,
  messageId: string,
  clock: () => number,
) => {
  if (channel.kind === 'log') {
    const log = ctx.logAlert ?? console.log
    log(logLine(alert, channel.name, ctx.now))
    return
  }
  const appUrl = ctx.env.APP_URL ?? ''
  // The CRM record link is resolved at send time, so setting the CRM hosts also fixes queued retries.
  const payload = await withCrmLink(ctx, alert)
  if (channel.kind === 'email') return sendAlertEmail(ctx.env, channel.url, payload, appUrl, ctx.now)
  let body: string
  if (channel.kind === 'slack') body = JSON.stringify(slackMessage(payload, appUrl, ctx.now))
  else if (channel.kind === 'teams') body = JSON.stringify(teamsMessage(payload, appUrl, ctx.now))
  else body = JSON.stringify(webhookEvent(payload, appUrl, ctx.now))
  return post(channel, messageId, body, clock)
}

/** POSTs a rendered body to a channel's URL (signed for webhooks); throws a `DeliveryError` unless 2xx. */
const post = async (channel: ChannelRow, messageId: string, body: string, clock: () => number) => {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'handoff-alerts/1' }
  if (channel.kind === 'webhook') {
    // The message id is the alert id, the same on every retry, so a receiver that got a send we saw time out
    // can drop the repeat; the timestamp is the real send time.
    Object.assign(headers, await signWebhook(channel.secret ?? '', messageId, Math.floor(Date.now() / 1000), body))
  }
  const res = await fetch(channel.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) })
  await res.body?.cancel()
  if (res.ok) return
  // Only "slow down" answers carry a wait worth honouring; an HTTP-date is read against the receiver's clock.
  const retryAfter =
    res.status === 429 || res.status === 503
      ? parseRetryAfter(res.headers.get('Retry-After'), Date.parse(res.headers.get('Date') ?? '') || clock())
      : null
  throw new DeliveryError(`HTTP ${res.status} from ${channel.kind} channel ${channel.id}`, retryAfter)
}

/** Sends one claimed alert and records the outcome right away. True when it was delivered. */
const attempt = async (ctx: DomainCtx, row: AlertRow, owner: string, clock: () => number) => {
  try {
    await send(ctx, row, clock)
  } catch (err) {
    const error = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err)
    if (row.attempts >= MAX_ATTEMPTS) await markFailed(ctx.db, row.id, owner, error)
    else {
      const retryAfter = err instanceof DeliveryError ? err.retryAfterMs : null
      const wait = retryDelayMs(row.attempts, ctx.random ?? Math.random, retryAfter)
      await markRetry(ctx.db, row.id, owner, clock() + wait, error)
    }
    return false
  }
  await markSent(ctx.db, row.id, owner, clock())
  return true
}

/**
 * Works through `ids` with {@link PARALLEL} senders, each claiming its next alert right before sending it.
 * An alert another tick holds (or already sent) is skipped. Returns how many this call delivered.
 */
const deliverEach = async (ctx: DomainCtx, ids: string[]) => {
  const owner = crypto.randomUUID()
  const clock = ctx.clock ?? elapsedClock(ctx.now)
  const queue = [...ids]
  let sent = 0
  const sender = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        const now = clock()
        const row = await claimAlert(ctx.db, id, owner, now, now + LEASE_MS)
        if (row && (await attempt(ctx, row, owner, clock))) sent++
      } catch (err) {
        // A failed claim or record leaves the row to its lease: a later tick retries it. The others go on.
        console.error('alert delivery', id, err)
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, sender))
  return sent
}

/**
 * Delivers alerts due by `ctx.now` (the cron's half of the outbox, retries and lapsed claims included).
 * @example await deliverDueAlerts(ctx)
 */
export const deliverDueAlerts = async (ctx: DomainCtx, limit = 200) =>
  deliverEach(ctx, await claimableAlertIds(ctx.db, ctx.now, limit))

/**
 * Delivers the given alerts now if still pending and due (right after enqueueing them).
 * @example await deliverAlerts(ctx, ['alr_1'])
 */
export const deliverAlerts = async (ctx: DomainCtx, ids: string[]) =>
  ids.length ? deliverEach(ctx, await claimableAlertIds(ctx.db, ctx.now, ids.length, ids)) : 0

/**
 * Runs delivery in the background when the runtime allows (`ctx.waitUntil`), else awaits it.
 * Failures are never thrown to the caller: the outbox keeps the row for the cron.
 * @example await deliverSoon(ctx, ['alr_1'])
 */
export const deliverSoon = async (ctx: DomainCtx, ids: string[]) => {
  const send = () => deliverAlerts(ctx, ids).catch((err) => console.error('alert delivery', err))
  // With waitUntil, delivery starts once the handler has answered (the next macrotask), so none of its
  // D1 round trips delay the response.
  if (ctx.waitUntil) ctx.waitUntil(new Promise((r) => setTimeout(r, 0)).then(send))
  else await send()
}
