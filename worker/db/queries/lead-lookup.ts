/**
 * Finding one lead by what a page or a person knows about it: id, email, LinkedIn slug, CRM id.
 * @module
 */
import { and, desc, eq, sql } from 'drizzle-orm'
import type { CrmRef } from '../../../shared/schemas/lead'
import type { Db } from '../../app-env'
import { leadCrmRefs, leads, reps, slaClocks } from '../schema'

/** The lead's id and assignee, or undefined: all that an access check needs. */
export const leadOwner = async (db: Db, leadId: string) =>
  (
    await db
      .select({
        id: leads.id,
        assigneeId: leads.assigneeId,
        // For "Assigned to Ana Ruiz · met 2h ago" on a colleague's lead: the owner's name and the latest clock.
        assigneeName: sql<string | null>`(select ${reps.name} from ${reps} where ${reps.id} = ${leads.assigneeId})`,
        metAt: sql<
          number | null
        >`(select ${slaClocks.metAt} from ${slaClocks} where ${slaClocks.leadId} = ${leads.id} order by ${slaClocks.startedAt} desc limit 1)`,
      })
      .from(leads)
      .where(eq(leads.id, leadId))
      .limit(1)
  )[0]

/** The id of the lead with this normalized email, or null. */
export const leadIdByEmail = async (db: Db, emailNorm: string): Promise<string | null> =>
  (await db.query.leads.findFirst({ where: eq(leads.emailNorm, emailNorm), columns: { id: true } }))?.id ?? null

/** The most recently updated lead with this LinkedIn slug, or null (a slug may be shared after a merge). */
export const leadIdByLinkedinSlug = async (db: Db, slug: string): Promise<string | null> => {
  const [row] = await db
    .select({ id: leads.id })
    .from(leads)
    .where(eq(leads.linkedinSlug, slug))
    .orderBy(desc(leads.updatedAt))
    .limit(1)
  return row?.id ?? null
}

/** The lead that carries this CRM reference, or null. */
export const leadIdByCrmRef = async (db: Db, ref: CrmRef): Promise<string | null> => {
  const [row] = await db
    .select({ id: leadCrmRefs.leadId })
    .from(leadCrmRefs)
    .where(and(eq(leadCrmRefs.system, ref.system), eq(leadCrmRefs.refId, ref.id)))
    .limit(1)
  return row?.id ?? null
}

/** The `limit` most recently created leads, newest first. */
export const recentLeads = (db: Db, limit: number) =>
  db.select().from(leads).orderBy(desc(leads.createdAt)).limit(limit)
