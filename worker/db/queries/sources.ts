/**
 * Intake sources and what the signed webhooks leave behind: deliveries already applied (replays), CRM
 * records waiting for an email, deals and the lead they belong to.
 * @module
 */
import { and, asc, eq, inArray, lt } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { crmDeals, crmPending, intakeSources, leadCrmRefs, reps, webhookDeliveries } from '../schema'

export type SourceRow = typeof intakeSources.$inferSelect
export type SourceInsert = typeof intakeSources.$inferInsert

export const listSources = (db: Db) => db.select().from(intakeSources).orderBy(asc(intakeSources.name))

/** The source with this key (its id), or undefined. */
export const getSource = (db: Db, key: string) =>
  db.query.intakeSources.findFirst({ where: eq(intakeSources.key, key) })

export const insertSource = async (db: Db, row: SourceInsert) =>
  (await db.insert(intakeSources).values(row).returning())[0]!

export const updateSource = async (db: Db, key: string, set: Partial<SourceInsert>) =>
  (await db.update(intakeSources).set(set).where(eq(intakeSources.key, key)).returning())[0]

/** Deletes a source; returns whether one existed. */
export const deleteSource = async (db: Db, key: string) =>
  (await db.delete(intakeSources).where(eq(intakeSources.key, key)).returning()).length > 0

/** Of `ids`, those this source has already delivered. */
export const seenDeliveries = async (db: Db, sourceKey: string, ids: readonly string[]): Promise<Set<string>> => {
  if (ids.length === 0) return new Set()
  const rows = await db
    .select({ id: webhookDeliveries.deliveryId })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.sourceKey, sourceKey), inArray(webhookDeliveries.deliveryId, [...ids])))
  return new Set(rows.map((r) => r.id))
}

/** Marks deliveries applied (a second, concurrent copy finds them and stops). */
export const recordDeliveries = (db: Db, sourceKey: string, ids: readonly string[], at: number) =>
  db
    .insert(webhookDeliveries)
    .values(ids.map((deliveryId) => ({ sourceKey, deliveryId, receivedAt: at })))
    .onConflictDoNothing()

/** Deliveries older than `before` (retention: senders stop retrying after a day or three). */
export const pruneDeliveries = (db: Db, before: number) =>
  db.delete(webhookDeliveries).where(lt(webhookDeliveries.receivedAt, before))

/** Lead ids by CRM reference id, for one system. */
export const leadIdsByRefs = async (db: Db, system: string, refIds: readonly string[]) => {
  const out = new Map<string, string>()
  if (refIds.length === 0) return out
  const rows = await db
    .select({ refId: leadCrmRefs.refId, leadId: leadCrmRefs.leadId })
    .from(leadCrmRefs)
    .where(and(eq(leadCrmRefs.system, system as 'hubspot'), inArray(leadCrmRefs.refId, [...new Set(refIds)])))
  for (const r of rows) out.set(r.refId, r.leadId)
  return out
}

/** Attaches a CRM reference to a lead unless it is attached already (to this lead or another). */
export const attachRef = (db: Db, system: string, refId: string, leadId: string) =>
  db
    .insert(leadCrmRefs)
    .values({ system: system as 'hubspot', refId, leadId })
    .onConflictDoNothing()

export const getPending = (db: Db, system: string, refId: string) =>
  db.query.crmPending.findFirst({ where: and(eq(crmPending.system, system), eq(crmPending.refId, refId)) })

export const putPending = (db: Db, system: string, refId: string, properties: Record<string, unknown>, at: number) =>
  db
    .insert(crmPending)
    .values({ system, refId, properties, updatedAt: at })
    .onConflictDoUpdate({ target: [crmPending.system, crmPending.refId], set: { properties, updatedAt: at } })

export const deletePending = (db: Db, system: string, refId: string) =>
  db.delete(crmPending).where(and(eq(crmPending.system, system), eq(crmPending.refId, refId)))

export type DealRow = typeof crmDeals.$inferSelect

export const getDeal = (db: Db, system: string, dealId: string) =>
  db.query.crmDeals.findFirst({ where: and(eq(crmDeals.system, system), eq(crmDeals.dealId, dealId)) })

/** Creates or updates what Handoff knows of a deal; fields left undefined keep their value. */
export const upsertDeal = (
  db: Db,
  row: { system: string; dealId: string; leadId?: string | null; amount?: number | null; stage?: string | null },
  at: number,
) => {
  const set: Partial<DealRow> = { updatedAt: at }
  if (row.leadId !== undefined) set.leadId = row.leadId
  if (row.amount !== undefined) set.amount = row.amount
  if (row.stage !== undefined) set.stage = row.stage
  return db
    .insert(crmDeals)
    .values({
      system: row.system,
      dealId: row.dealId,
      leadId: row.leadId ?? null,
      amount: row.amount ?? null,
      stage: row.stage ?? null,
      updatedAt: at,
    })
    .onConflictDoUpdate({ target: [crmDeals.system, crmDeals.dealId], set })
}

/** Active reps with their CRM owner ids and emails: who a CRM activity is credited to. */
export const repsForCrm = (db: Db) =>
  db.select({ id: reps.id, email: reps.email, crmOwnerIds: reps.crmOwnerIds }).from(reps).where(eq(reps.active, true))
