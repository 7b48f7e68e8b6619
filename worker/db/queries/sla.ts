/**
 * SLA clocks: starting them, the indexed due scan, meeting and stopping (moving past a milestone is in
 * `sla-advance.ts`).
 * @module
 */
import { and, asc, eq, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { slaClocks } from '../schema'
import { insertWhere } from './insert-where'

export type ClockRow = typeof slaClocks.$inferSelect

/**
 * The insert of a new clock, not executed, for the hand-off's `db.batch`.
 * @example await db.batch([insertAssignment(db, assignment), insertClock(db, { id, leadId, assignmentId, … })])
 */
export const insertClock = (db: Db, row: typeof slaClocks.$inferInsert, guard?: SQL) =>
  guard ? insertWhere(db, slaClocks, row, guard) : db.insert(slaClocks).values(row)

/** Most clocks one tick handles; the rest are picked up by the next tick (oldest first). */
export const TICK_BATCH = 500

/**
 * Clocks with a milestone due by `now`: an index range scan on `next_check_at`, so a tick costs what is due,
 * not what is open.
 */
export const dueClocks = (db: Db, now: number, limit = TICK_BATCH) =>
  db.select().from(slaClocks).where(lte(slaClocks.nextCheckAt, now)).orderBy(asc(slaClocks.nextCheckAt)).limit(limit)

/**
 * The distinct times by `end` at which some clock has a milestone due (the minutes a cron tick matters).
 * @example for (const at of await checkTimesUntil(db, now)) schedule(at)
 */
export const checkTimesUntil = async (db: Db, end: number) =>
  (
    await db
      .selectDistinct({ at: slaClocks.nextCheckAt })
      .from(slaClocks)
      .where(and(isNotNull(slaClocks.nextCheckAt), lte(slaClocks.nextCheckAt, end)))
  ).map((r) => r.at!)

export const clocksOfLead = (db: Db, leadId: string) =>
  db.select().from(slaClocks).where(eq(slaClocks.leadId, leadId)).orderBy(asc(slaClocks.startedAt), asc(slaClocks.id))

/** How many earlier clocks of the lead were breached (the next clock's breach is one more). */
export const breachedClockCount = async (db: Db, leadId: string) => {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(slaClocks)
    .where(and(eq(slaClocks.leadId, leadId), sql`${slaClocks.breachedAt} is not null`))
  return Number(row?.n ?? 0)
}

/** Open = neither met nor stopped. */
const open = and(isNull(slaClocks.metAt), isNull(slaClocks.stoppedAt))

/** Marks the lead's open clocks met (first touch). Returns how many changed. */
export const meetClocks = async (db: Db, leadId: string, at: number) =>
  (
    await db
      .update(slaClocks)
      .set({ metAt: at, nextCheckAt: null })
      .where(and(eq(slaClocks.leadId, leadId), open))
      .run()
  ).meta.changes

/** Stops the lead's open clocks (disqualified before a touch, or ended by a reassignment). */
export const stopClocks = async (db: Db, leadId: string, at: number) =>
  (
    await db
      .update(slaClocks)
      .set({ stoppedAt: at, nextCheckAt: null })
      .where(and(eq(slaClocks.leadId, leadId), open))
      .run()
  ).meta.changes

/** Stops one clock (its assignment ended). */
export const stopClock = (db: Db, clockId: string, at: number) =>
  db
    .update(slaClocks)
    .set({ stoppedAt: at, nextCheckAt: null })
    .where(and(eq(slaClocks.id, clockId), open))
