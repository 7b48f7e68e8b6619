/**
 * The alert outbox: enqueue without duplicates, lease-claim for delivery, record the outcome.
 * @module
 */
import { and, desc, eq, inArray, lte } from 'drizzle-orm'
import type { AlertState } from '../../../shared/schemas/admin'
import type { Db } from '../../app-env'
import { alerts } from '../schema'

export type AlertRow = typeof alerts.$inferSelect
export type NewAlert = typeof alerts.$inferInsert

/** Attempts before an alert is left `failed` for an admin to retry. */
export const MAX_ATTEMPTS = 6
/** How long a delivery claim holds off a concurrent tick (a send never takes longer: fetch times out first). */
export const LEASE_MS = 2 * 60_000

/**
 * The dedupe key: one row per lead, milestone, assignment and recipient, whatever the number of cron runs.
 * @example dedupeKey('lead_1', 'breach', 'asg_1', 'manager') // 'lead_1:breach:asg_1:manager'
 */
export const dedupeKey = (leadId: string, milestone: string, assignmentId: string | null, recipient: string) =>
  `${leadId}:${milestone}:${assignmentId ?? 'none'}:${recipient}`

/** Backoff after the n-th failed attempt (1-based): 1, 2, 4, 8, 16 minutes. */
export const backoffMs = (attempts: number) => 2 ** Math.max(0, attempts - 1) * 60_000

/** The insert of outbox rows, not executed; a repeated key is silently ignored (ON CONFLICT DO NOTHING). */
export const insertAlerts = (db: Db, rows: NewAlert[]) =>
  db.insert(alerts).values(rows).onConflictDoNothing({ target: alerts.dedupeKey })

/**
 * Claims up to `limit` pending alerts due by `now` (optionally only `ids`) in one statement: their next attempt
 * moves past the lease, and only the rows this call changed come back, so two overlapping ticks never send one
 * alert twice.
 */
export const claimDueAlerts = async (db: Db, now: number, limit: number, ids?: string[]) => {
  const due = db
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(eq(alerts.state, 'pending'), lte(alerts.nextAttemptAt, now), ids ? inArray(alerts.id, ids) : undefined))
    .orderBy(alerts.nextAttemptAt)
    .limit(limit)
  return db
    .update(alerts)
    .set({ nextAttemptAt: now + LEASE_MS })
    .where(and(inArray(alerts.id, due), eq(alerts.state, 'pending'), lte(alerts.nextAttemptAt, now)))
    .returning()
}

export const markSent = (db: Db, id: string, now: number, attempts: number) =>
  db
    .update(alerts)
    .set({ state: 'sent', sentAt: now, attempts, nextAttemptAt: null, lastError: null })
    .where(eq(alerts.id, id))

/** Records a failed attempt: retried after the backoff, or `failed` after {@link MAX_ATTEMPTS}. */
export const markFailed = (db: Db, id: string, now: number, attempts: number, error: string) =>
  db
    .update(alerts)
    .set(
      attempts >= MAX_ATTEMPTS
        ? { state: 'failed', attempts, nextAttemptAt: null, lastError: error.slice(0, 500) }
        : { attempts, nextAttemptAt: now + backoffMs(attempts), lastError: error.slice(0, 500) },
    )
    .where(eq(alerts.id, id))

export const listAlerts = (db: Db, q: { state?: AlertState; leadId?: string; limit: number }) =>
  db
    .select()
    .from(alerts)
    .where(and(q.state ? eq(alerts.state, q.state) : undefined, q.leadId ? eq(alerts.leadId, q.leadId) : undefined))
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(q.limit)

/** Puts a (failed) alert back in the queue with a fresh attempt budget. */
export const requeueAlert = (db: Db, id: string, now: number) =>
  db
    .update(alerts)
    .set({ state: 'pending', attempts: 0, nextAttemptAt: now, lastError: null })
    .where(eq(alerts.id, id))
    .returning()

/**
 * A raw outbox insert that only happens while `guardSql` (an EXISTS test) holds, for use inside a D1 batch
 * right after a compare-and-set, so a clock met in between sends nothing. Duplicates are ignored.
 */
export const guardedAlertInsert = (
  d1: D1Database,
  row: Required<Pick<NewAlert, 'id' | 'dedupeKey' | 'leadId' | 'milestone' | 'createdAt'>> & NewAlert,
  guard: { sql: string; params: unknown[] },
) =>
  d1
    .prepare(
      `INSERT INTO alerts (id, dedupe_key, lead_id, assignment_id, milestone, recipient, channel_id, payload, state, attempts, next_attempt_at, created_at)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ? WHERE EXISTS (${guard.sql})
       ON CONFLICT (dedupe_key) DO NOTHING`,
    )
    .bind(
      row.id,
      row.dedupeKey,
      row.leadId,
      row.assignmentId ?? null,
      row.milestone,
      row.recipient ?? null,
      row.channelId ?? null,
      JSON.stringify(row.payload ?? {}),
      row.nextAttemptAt ?? row.createdAt,
      row.createdAt,
      ...guard.params,
    )
