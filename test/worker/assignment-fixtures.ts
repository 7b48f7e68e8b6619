/**
 * Fixtures for the assignment, SLA, cron and alert tests: config through the real admin API, leads straight
 * into D1 (intake is another module), a domain context at a chosen time, and a cron tick at a chosen time.
 * @module
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { eq } from 'drizzle-orm'
import { createDb } from '../../worker/db/client'
import { leads } from '../../worker/db/schema'
import type { DomainCtx } from '../../worker/domain/context'
import worker from '../../worker/index'
import { newId } from '../../worker/lib/crypto'
import { api } from './helpers'

export const db = createDb(env.DB)

/** Empties everything assignment touches, so each test starts from a known state. */
export const reset = async () => {
  const tables = [
    'leads',
    'assignments',
    'sla_clocks',
    'alerts',
    'routing_rules',
    'sla_policies',
    'accounts',
    'pools',
    'pool_members',
    'reps',
    'channels',
    'calendars',
    'settings',
    'lead_history',
  ]
  await env.DB.batch(tables.map((t) => env.DB.prepare(`DELETE FROM ${t}`)))
}

/** POSTs to an admin route and returns the created object (throws on a non-201). */
export const create = async <T = { id: string }>(path: string, json: unknown, key: string): Promise<T> => {
  const res = await api(`/v1/admin/${path}`, { json })
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return ((await res.json()) as Record<string, T>)[key]!
}

let seq = 0
export const rep = (name: string, extra: Record<string, unknown> = {}) =>
  create<{ id: string; name: string }>(
    'reps',
    { name, email: `${name.toLowerCase().replace(/\W/g, '')}.${++seq}@team.test`, ...extra },
    'rep',
  )

export const pool = (
  name: string,
  members: Array<{ repId: string; weight?: number }>,
  extra: Record<string, unknown> = {},
) =>
  create<{ id: string }>(
    'pools',
    { name, members: members.map((m) => ({ repId: m.repId, weight: m.weight ?? null })), ...extra },
    'pool',
  )

export const rule = (json: Record<string, unknown>) => create<{ id: string }>('routing-rules', json, 'rule')
export const policy = (json: Record<string, unknown>) => create<{ id: string }>('sla-policies', json, 'policy')
export const channel = (json: Record<string, unknown>) => create<{ id: string }>('channels', json, 'channel')
export const calendar = (json: Record<string, unknown>) => create<{ id: string }>('calendars', json, 'calendar')

/** A Mon–Fri 09:00–17:00 schedule. */
export const NINE_TO_FIVE = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]),
)

/** Inserts a lead at the hand-off threshold (status `sql`) and returns its id. */
export const lead = async (over: Partial<typeof leads.$inferInsert> = {}) => {
  const id = newId('lead')
  const email = over.email ?? `${id}@prospect.test`
  await db.insert(leads).values({
    id,
    email,
    emailNorm: email.toLowerCase(),
    status: 'sql',
    scoreTotal: 80,
    firstName: 'Pat',
    lastName: 'Lee',
    ...over,
  })
  return id
}

export const getLead = async (id: string) => (await db.query.leads.findFirst({ where: eq(leads.id, id) }))!

/** A domain context at `now` (no waitUntil: delivery is awaited). */
export const ctxAt = (now: number): DomainCtx => ({ db, env, now })

/** Runs the scheduled handler exactly as the runtime does, with `scheduledTime = now`. */
export const tick = async (now: number) => {
  const ctl = createScheduledController({ cron: '* * * * *', scheduledTime: now })
  const ctx = createExecutionContext()
  await worker.scheduled(ctl, env, ctx)
  await waitOnExecutionContext(ctx)
}

export const MIN = 60_000
