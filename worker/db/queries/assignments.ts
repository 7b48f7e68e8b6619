/**
 * Assignments: ending or re-opening one when an SLA breach reassigns the lead.
 * @module
 */
import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { assignments } from '../schema'

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
