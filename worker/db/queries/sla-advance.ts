/**
 * Moving an SLA clock past a milestone with compare-and-set on `next_milestone`, with the milestone's journey
 * entries and alerts in the same atomic batch, so overlapping or repeated ticks process a milestone once and
 * its alerts exist once.
 * @module
 */
import { and, eq, exists, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { leadHistory, slaClocks } from '../schema'
import { guardedAlertInsert, type NewAlert } from './alerts'
import type { HistoryKind } from './history'
import { insertWhere } from './insert-where'

/** A clock's move from milestone `n` to `n + 1`. */
export type MilestoneStep = {
  clockId: string
  n: number
  /** When the next milestone is due (null: none left). */
  nextCheckAt: number | null
  /** The breach time to record if the clock has none yet; null when this milestone is not the breach. */
  breachedAt: number | null
}

/** The journey entries of a milestone: written only when this call's compare-and-set won. */
export type MilestoneEntry = { leadId: string; at: number; kind: HistoryKind; actor: string; data: unknown }

/** Clock `clockId`, still open (neither met nor stopped), with `n` as its next milestone. */
const openAt = (clockId: string, n: number) =>
  and(eq(slaClocks.id, clockId), eq(slaClocks.nextMilestone, n), isNull(slaClocks.metAt), isNull(slaClocks.stoppedAt))

/** The compare-and-set, not executed: changes one row only if the clock is open and still at milestone `n`. */
const moveClock = (db: Db, step: MilestoneStep) =>
  db
    .update(slaClocks)
    .set({
      nextMilestone: step.n + 1,
      nextCheckAt: step.nextCheckAt,
      ...(step.breachedAt === null ? {} : { breachedAt: sql`coalesce(${slaClocks.breachedAt}, ${step.breachedAt})` }),
    })
    .where(openAt(step.clockId, step.n))

/**
 * Moves the clock past the milestone with nothing else to write (one statement).
 * @example await skipMilestone(db, { clockId: clock.id, n, nextCheckAt: plan[n + 1]?.at ?? null, breachedAt: null })
 */
export const skipMilestone = (db: Db, step: MilestoneStep) => moveClock(db, step).run()

/**
 * Moves the clock past the milestone, writes `entries` (only if this call moved it) and enqueues `alerts` (only
 * while the clock is open and past the milestone: moved by us, or by a tick that inserted the same rows; repeated
 * dedupe keys are ignored), all in one `db.batch`. True when this call moved the clock.
 * @example const won = await advanceMilestone(db, step, [{ leadId, at: now, kind: 'sla', actor: 'cron', data }], rows)
 */
export const advanceMilestone = async (
  db: Db,
  step: MilestoneStep,
  entries: readonly MilestoneEntry[],
  alerts: readonly NewAlert[],
) => {
  const past = exists(
    db
      .select({ one: sql`1` })
      .from(slaClocks)
      .where(openAt(step.clockId, step.n + 1)),
  )
  const [moved] = await db.batch([
    moveClock(db, step),
    // `changes()` is the row count of the statement just before: the compare-and-set, or the entry before this one.
    ...entries.map((e) => insertWhere(db, leadHistory, e, sql`changes() = 1`)),
    ...alerts.map((r) => guardedAlertInsert(db, r, past)),
  ])
  return moved.meta.changes === 1
}
