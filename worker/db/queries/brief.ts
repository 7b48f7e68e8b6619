/**
 * The reads behind one lead brief, in a single D1 round trip (`db.batch`).
 * @module
 */
import { desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { criteriaVersions, events, leadCrmRefs, leads, reps } from '../schema'

/** At most this many raw events are read for the timeline and the signals (newest first). */
export const BRIEF_EVENT_LIMIT = 500

/**
 * The lead with its assignee, CRM refs, recent events and the criteria document that scored it
 * (the lead's version, else the current one), in one batch.
 * @example const rows = await briefRows(db, leadId)
 */
export const briefRows = async (db: Db, leadId: string) => {
  // No joins inside the batch: D1 batch results are keyed by column name, so same-named columns collide.
  const [leadRows, repRows, refs, recent, criteria] = await db.batch([
    db.select().from(leads).where(eq(leads.id, leadId)).limit(1),
    db
      .select({ id: reps.id, name: reps.name, email: reps.email })
      .from(reps)
      .where(sql`${reps.id} = (select ${leads.assigneeId} from ${leads} where ${leads.id} = ${leadId})`)
      .limit(1),
    db.select().from(leadCrmRefs).where(eq(leadCrmRefs.leadId, leadId)),
    db
      .select({ type: events.type, occurredAt: events.occurredAt, properties: events.properties })
      .from(events)
      .where(eq(events.leadId, leadId))
      .orderBy(desc(events.occurredAt), desc(events.id))
      .limit(BRIEF_EVENT_LIMIT),
    db
      .select({ version: criteriaVersions.version, document: criteriaVersions.document })
      .from(criteriaVersions)
      .where(
        sql`${criteriaVersions.version} = coalesce((select ${leads.criteriaVersion} from ${leads} where ${leads.id} = ${leadId}), (select max(${criteriaVersions.version}) from ${criteriaVersions}))`,
      )
      .limit(1),
  ])
  const lead = leadRows[0]
  if (!lead) return null
  return { lead, rep: repRows[0] ?? null, refs, events: recent, criteria: criteria[0] ?? null }
}
