/**
 * The reads behind outbound lead events: who subscribes, and the facts every event carries.
 * @module
 */
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { channels, leadCrmRefs, leads, reps, slaClocks } from '../schema'

/**
 * The subscribed channels with the lead's row, its assignee, CRM refs and latest SLA clock, in one round trip
 * (the subscriber list comes along so a lead event costs one trip whether or not anyone listens).
 * @example const facts = await eventFacts(db, 'lead_1')
 */
export const eventFacts = async (db: Db, leadId: string) => {
  // No joins inside the batch: D1 batch results are keyed by column name, so same-named columns collide.
  const [subscribers, leadRows, assignee, refs, clocks] = await db.batch([
    db
      .select({ id: channels.id, events: channels.events })
      .from(channels)
      .where(and(eq(channels.kind, 'webhook'), sql`${channels.events} <> '[]'`)),
    db.select().from(leads).where(eq(leads.id, leadId)).limit(1),
    db
      .select({ id: reps.id, name: reps.name, email: reps.email, crmOwnerIds: reps.crmOwnerIds })
      .from(reps)
      .where(sql`${reps.id} = (select ${leads.assigneeId} from ${leads} where ${leads.id} = ${leadId})`)
      .limit(1),
    db
      .select({ system: leadCrmRefs.system, id: leadCrmRefs.refId })
      .from(leadCrmRefs)
      .where(eq(leadCrmRefs.leadId, leadId)),
    db
      .select({
        dueAt: slaClocks.dueAt,
        metAt: slaClocks.metAt,
        stoppedAt: slaClocks.stoppedAt,
        breachedAt: slaClocks.breachedAt,
      })
      .from(slaClocks)
      .where(eq(slaClocks.leadId, leadId))
      .orderBy(desc(slaClocks.startedAt))
      .limit(1),
  ])
  return { subscribers, lead: leadRows[0], assignee: assignee[0] ?? null, refs, clock: clocks[0] ?? null }
}
export type EventFacts = Awaited<ReturnType<typeof eventFacts>>
