/**
 * The lead reads and writes that CRM deliveries need beyond intake: who the lead is and who holds it, and
 * following a CRM's owner change.
 * @module
 */
import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { leads, slaClocks } from '../schema'

/** Email, status and assignee of a lead, or undefined. */
export const leadForCrm = (db: Db, leadId: string) =>
  db.query.leads.findFirst({
    where: eq(leads.id, leadId),
    columns: { id: true, email: true, status: true, assigneeId: true, outcomeAt: true },
  })

/**
 * Statements that give the lead to the rep the CRM names: the open clock moves with it, so time from now
 * is charged to the new owner.
 * @example await db.batch([entry, ...followOwner(db, leadId, rep.id, now)])
 */
export const followOwner = (db: Db, leadId: string, repId: string, now: number) =>
  [
    db.update(leads).set({ assigneeId: repId, assignedAt: now, updatedAt: now }).where(eq(leads.id, leadId)),
    db
      .update(slaClocks)
      .set({ repId })
      .where(and(eq(slaClocks.leadId, leadId), isNull(slaClocks.metAt), isNull(slaClocks.stoppedAt))),
  ] as const
