/**
 * Assignments: claiming a lead for a rep (only one request can), recording the assignment, and ending or
 * re-opening it when an SLA breach reassigns the lead.
 * @module
 */
import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { assignments, leads } from '../schema'

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
 * The insert of an assignment, not executed, for the hand-off's `db.batch`.
 * @example await db.batch([insertAssignment(db, { id, leadId, repId, poolId, rule, reason, assignedAt: now }), entry])
 */
export const insertAssignment = (db: Db, row: typeof assignments.$inferInsert) => db.insert(assignments).values(row)

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
