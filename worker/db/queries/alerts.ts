/**
 * The alert outbox: enqueue without duplicates, claim one alert at a time for delivery, record its outcome.
 * @module
 */
import { and, desc, eq, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm'
import type { AlertState } from '../../../shared/schemas/admin'
import type { Db } from '../../app-env'
import { alerts } from '../schema'
import { insertWhere } from './insert-where'

export type AlertRow = typeof alerts.$inferSelect
export type NewAlert = typeof alerts.$inferInsert

/**
 * The dedupe key: one row per lead, milestone, assignment and recipient, whatever the number of cron runs.
 * @example dedupeKey('lead_1', 'breach', 'asg_1', 'manager') // 'lead_1:breach:asg_1:manager'
 */
export const dedupeKey = (leadId: string, milestone: string, assignmentId: string | null, recipient: string) =>
  `${leadId}:${milestone}:${assignmentId ?? 'none'}:${recipient}`

/** The insert of outbox rows, not executed; a repeated key is silently ignored (ON CONFLICT DO NOTHING). */
export const insertAlerts = (db: Db, rows: NewAlert[]) =>
  db.insert(alerts).values(rows).onConflictDoNothing({ target: alerts.dedupeKey })

/** Claimable at `now`: pending and due, or held by a claim that lapsed (its tick died before recording). */
const claimable = (now: number) =>
  or(
    and(eq(alerts.state, 'pending'), lte(alerts.nextAttemptAt, now)),
    and(eq(alerts.state, 'sending'), lt(alerts.leaseUntil, now)),
  )

/**
 * Ids of up to `limit` alerts claimable at `now` (optionally only among `ids`), oldest due first. Reading them
 * claims nothing: each is claimed by {@link claimAlert} right before its own send.
 * @example const ids = await claimableAlertIds(db, now, 200)
 */
export const claimableAlertIds = async (db: Db, now: number, limit: number, ids?: string[]) =>
  (
    await db
      .select({ id: alerts.id })
      .from(alerts)
      .where(and(claimable(now), ids ? inArray(alerts.id, ids) : undefined))
      .orderBy(alerts.nextAttemptAt)
      .limit(limit)
  ).map((r) => r.id)

/**
 * Claims one alert for sending in a single conditional UPDATE: it becomes `sending`, held by `owner` until
 * `leaseUntil`, with one more attempt counted. Only one caller can win a given claim, so two overlapping
 * ticks never send the same alert; undefined when someone else holds it (or it is not due any more).
 * @example const row = await claimAlert(db, 'alr_1', 'tick_1', now, now + 120_000)
 */
export const claimAlert = async (db: Db, id: string, owner: string, now: number, leaseUntil: number) =>
  (
    await db
      .update(alerts)
      .set({ state: 'sending', leaseOwner: owner, leaseUntil, attempts: sql`${alerts.attempts} + 1` })
      .where(and(eq(alerts.id, id), claimable(now)))
      .returning()
  )[0]

/** Only the claim's holder records an outcome: a late answer after the lease lapsed changes nothing. */
const heldBy = (id: string, owner: string) =>
  and(eq(alerts.id, id), eq(alerts.state, 'sending'), eq(alerts.leaseOwner, owner))

const RELEASED = { leaseOwner: null, leaseUntil: null } as const

/**
 * Records a delivered alert (if `owner` still holds it).
 * @example await markSent(db, row.id, owner, now)
 */
export const markSent = (db: Db, id: string, owner: string, now: number) =>
  db
    .update(alerts)
    .set({ state: 'sent', sentAt: now, nextAttemptAt: null, lastError: null, ...RELEASED })
    .where(heldBy(id, owner))

/**
 * Records a failed attempt to be retried at `nextAttemptAt` (if `owner` still holds it).
 * @example await markRetry(db, row.id, owner, now + 60_000, 'HTTP 500')
 */
export const markRetry = (db: Db, id: string, owner: string, nextAttemptAt: number, error: string) =>
  db
    .update(alerts)
    .set({ state: 'pending', nextAttemptAt, lastError: error.slice(0, 500), ...RELEASED })
    .where(heldBy(id, owner))

/**
 * Records the last failed attempt: the alert stays `failed` for an admin to retry (if `owner` still holds it).
 * @example await markFailed(db, row.id, owner, 'HTTP 503')
 */
export const markFailed = (db: Db, id: string, owner: string, error: string) =>
  db
    .update(alerts)
    .set({ state: 'failed', nextAttemptAt: null, lastError: error.slice(0, 500), ...RELEASED })
    .where(heldBy(id, owner))

export const listAlerts = (db: Db, q: { state?: AlertState; leadId?: string; limit: number }) =>
  db
    .select()
    .from(alerts)
    .where(and(q.state ? eq(alerts.state, q.state) : undefined, q.leadId ? eq(alerts.leadId, q.leadId) : undefined))
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(q.limit)

/**
 * Puts a pending or failed alert back in the queue with a fresh attempt budget (never one being sent: its
 * holder would record over it and a second claim could send it twice).
 * @example await requeueAlert(db, 'alr_1', Date.now())
 */
export const requeueAlert = (db: Db, id: string, now: number) =>
  db
    .update(alerts)
    .set({ state: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, ...RELEASED })
    .where(and(eq(alerts.id, id), inArray(alerts.state, ['pending', 'failed'])))
    .returning()

/**
 * The outbox insert of one pending alert, not executed, that only happens while `guard` (an `exists(…)`
 * condition) holds: for use inside a `db.batch` right after a compare-and-set, so a clock met in between
 * sends nothing. Duplicates are ignored (ON CONFLICT DO NOTHING on the dedupe key).
 * @example await db.batch([advance, guardedAlertInsert(db, row, exists(db.select().from(slaClocks).where(open)))])
 */
export const guardedAlertInsert = (db: Db, row: NewAlert, guard: SQL) =>
  insertWhere(
    db,
    alerts,
    {
      id: row.id,
      dedupeKey: row.dedupeKey,
      leadId: row.leadId,
      assignmentId: row.assignmentId ?? null,
      milestone: row.milestone,
      recipient: row.recipient ?? null,
      channelId: row.channelId ?? null,
      payload: row.payload ?? {},
      state: 'pending',
      attempts: 0,
      nextAttemptAt: row.nextAttemptAt ?? row.createdAt,
      createdAt: row.createdAt,
    },
    guard,
  ).onConflictDoNothing({ target: alerts.dedupeKey })

/**
 * One alert by id, or undefined.
 * @example const row = await getAlert(db, 'alr_1')
 */
export const getAlert = (db: Db, id: string) => db.query.alerts.findFirst({ where: eq(alerts.id, id) })
