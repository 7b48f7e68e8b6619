/**
 * Assignments: claiming a lead for a rep (only one request can), recording the assignment, and ending or
 * re-opening it when an SLA breach reassigns the lead.
 * @module
 */
import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm'
import { SCORE_DRIVEN } from '../../../shared/lead-status-sets'
import type { Db } from '../../app-env'
import { assignments, leads } from '../schema'
import { insertWhere } from './insert-where'

/**
 * Claims the lead for `repId` only if its assignee is still `expected` (null for a first hand-off): a
 * conditional UPDATE, so of two concurrent requests exactly one wins. True when this call won.
 * @example if (!(await claimLead(db, lead.id, rep.id, null, now))) return null
 */
export const claimLead = async (db: Db, leadId: string, repId: string, expected: string | null, now: number) => {
  const res = await db
    .update(leads)
    .set({ assigneeId: repId, assignedAt: now, status: 'assigned', updatedAt: now })
    .where(and(eq(leads.id, leadId), expected === null ? isNull(leads.assigneeId) : eq(leads.assigneeId, expected)))
    .run()
  return res.meta.changes === 1
}

/**
 * The hand-off's claim as a statement of its batch, not executed: gives the unassigned, score-driven lead to
 * `repId` and stamps it with `claimId` (the new assignment's id). With `afterCompareAndSet`, it also
 * requires the statement just before it (the pool's round-robin compare-and-set) to have won. Returns the
 * lead's id when it claimed, nothing otherwise.
 * @example db.batch([cas, claimStatement(db, lead.id, rep.id, assignmentId, now, true), ...guarded])
 */
export const claimStatement = (
  db: Db,
  leadId: string,
  repId: string,
  claimId: string,
  now: number,
  afterCompareAndSet: boolean,
) =>
  db
    .update(leads)
    .set({ assigneeId: repId, assignedAt: now, status: 'assigned', updatedAt: now, claimId })
    .where(
      and(
        eq(leads.id, leadId),
        isNull(leads.assigneeId),
        inArray(leads.status, [...SCORE_DRIVEN]),
        afterCompareAndSet ? sql`changes() = 1` : undefined,
      ),
    )
    .returning({ id: leads.id })

/**
 * The condition under which the rest of a hand-off's batch writes: the lead still carries its claim.
 * @example insertWhere(db, slaClocks, clock, claimHeld(lead.id, assignmentId))
 */
export const claimHeld = (leadId: string, claimId: string): SQL =>
  sql`exists (select 1 from ${leads} where ${leads.id} = ${leadId} and ${leads.claimId} = ${claimId})`

/**
 * The insert of an assignment, not executed, for the hand-off's `db.batch`; with `guard`, only while it holds.
 * @example await db.batch([insertAssignment(db, { id, leadId, repId, poolId, rule, reason, assignedAt: now }), entry])
 */
export const insertAssignment = (db: Db, row: typeof assignments.$inferInsert, guard?: SQL) =>
  guard ? insertWhere(db, assignments, row, guard) : db.insert(assignments).values(row)

/**
 * Ends the assignment if it is still open, in one conditional UPDATE (so only one tick can); the ended row,
 * or undefined when it had already ended.
 * @example const ended = await endAssignment(db, clock.assignmentId, now, 'sla_breach')
 */
export const endAssignment = async (db: Db, id: string, at: number, reason: string) =>
  (
    await db
      .update(assignments)
      .set({ endedAt: at, endReason: reason })
      .where(and(eq(assignments.id, id), isNull(assignments.endedAt)))
      .returning()
  )[0]

/**
 * Re-opens an ended assignment (the reassignment found nobody to take over).
 * @example await reopenAssignment(db, assignment.id)
 */
export const reopenAssignment = (db: Db, id: string) =>
  db.update(assignments).set({ endedAt: null, endReason: null }).where(eq(assignments.id, id))
