/**
 * Everything that happened to one lead, read in one round trip for its journey.
 * @module
 */
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { alerts, assignments, dispositions, leadHistory, reps, slaClocks, touches } from '../schema'

/**
 * History, assignments, clocks, touches, dispositions and alerts of a lead, plus rep names, in one batch.
 * @example const rows = await journeyRows(db, leadId)
 */
export const journeyRows = async (db: Db, leadId: string) => {
  const [history, assigned, clocks, touched, disposed, alerted, people] = await db.batch([
    db
      .select()
      .from(leadHistory)
      .where(eq(leadHistory.leadId, leadId))
      .orderBy(asc(leadHistory.at), asc(leadHistory.id)),
    db.select().from(assignments).where(eq(assignments.leadId, leadId)),
    db.select().from(slaClocks).where(eq(slaClocks.leadId, leadId)),
    db.select().from(touches).where(eq(touches.leadId, leadId)),
    db.select().from(dispositions).where(eq(dispositions.leadId, leadId)),
    db.select().from(alerts).where(eq(alerts.leadId, leadId)),
    db.select({ id: reps.id, name: reps.name }).from(reps),
  ])
  return { history, assigned, clocks, touched, disposed, alerted, people }
}
