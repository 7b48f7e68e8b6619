/**
 * Lead reads and writes for intake and scoring. D1 binds at most 100 parameters per statement, so lists
 * are read in chunks, all chunks in one `db.batch` (one round trip).
 * @module
 */
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm'
import { RESCORABLE } from '../../../shared/lead-status-sets'
import type { LeadFacts } from '../../../shared/schemas/criteria'
import type { CrmRef } from '../../../shared/schemas/lead'
import type { Db } from '../../app-env'
import { dispositions, leadCrmRefs, leads } from '../schema'
import { chunk, IN_CHUNK } from './chunk'

export type LeadRow = typeof leads.$inferSelect

/**
 * Runs statements in `db.batch` calls of at most `size` statements each (one round trip per call).
 * @example await runChunked(db, updates, 200)
 */
export const runChunked = async (db: Db, statements: readonly unknown[], size = 200) => {
  const results: unknown[] = []
  for (const part of chunk(statements, size)) {
    if (part.length === 0) continue
    // drizzle's batch wants a non-empty tuple of its query builders; the callers only pass those.
    const out = await db.batch(part as unknown as Parameters<Db['batch']>[0])
    results.push(...(out as unknown as unknown[]))
  }
  return results
}

/** Normalized email: the dedupe key (trimmed, lower-cased). */
export const normalizeEmail = (email: string) => email.trim().toLowerCase()

/** The facts `score()` reads from a stored lead. */
export const leadFacts = (row: LeadRow): LeadFacts => ({
  email: row.email,
  firstName: row.firstName,
  lastName: row.lastName,
  title: row.title,
  phone: row.phone,
  linkedinUrl: row.linkedinUrl,
  company: {
    name: row.companyName,
    domain: row.companyDomain,
    industry: row.industry,
    employees: row.employees,
    country: row.country,
  },
  source: row.source,
  campaign: row.campaign,
  message: row.message,
  fields: (row.fields ?? {}) as LeadFacts['fields'],
})

/** Queries (for one `db.batch`) reading the leads with these normalized emails. */
export const leadsByEmailQueries = (db: Db, emailNorms: readonly string[]) =>
  chunk([...new Set(emailNorms)], IN_CHUNK).map((part) => db.select().from(leads).where(inArray(leads.emailNorm, part)))

/** Queries (for one `db.batch`) reading the leads with these ids. */
export const leadsByIdQueries = (db: Db, ids: readonly string[]) =>
  chunk([...new Set(ids)], IN_CHUNK).map((part) => db.select().from(leads).where(inArray(leads.id, part)))

/**
 * One query (for a `db.batch`) reading the leads with these ids, the ids bound as one JSON text: a constant
 * statement count for a criteria job's chunk of 500 (the `IN` lists above take one statement per 90 ids).
 * @example const [rows] = await db.batch([leadsByIdJsonQuery(db, ids)])
 */
export const leadsByIdJsonQuery = (db: Db, ids: readonly string[]) =>
  db
    .select()
    .from(leads)
    .where(sql`${leads.id} in (select value from json_each(${JSON.stringify(ids)}))`)

/** Queries reading the dispositions of these leads, newest first. */
export const dispositionsQueries = (db: Db, ids: readonly string[]) =>
  chunk([...new Set(ids)], IN_CHUNK).map((part) =>
    db.select().from(dispositions).where(inArray(dispositions.leadId, part)).orderBy(desc(dispositions.at)),
  )

/** `json_extract(fields, '$.<key>')` in (values), values bound, never spliced. */
export const jsonFieldIn = (key: string, values: readonly string[]) =>
  sql`json_extract(${leads.fields}, ${`$.${key}`}) in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`

/** Queries reading the leads whose Segment `userId` an earlier identify recorded in `fields.segmentUserId`. */
export const leadsBySegmentUserQueries = (
  db: Db,
  userIds: readonly string[],
  key: 'segmentUserId' | 'segmentAnonymousId' = 'segmentUserId',
) => chunk([...new Set(userIds)], IN_CHUNK).map((part) => db.select().from(leads).where(jsonFieldIn(key, part)))

/**
 * One lead by id, or undefined.
 * @example const lead = await getLead(db, 'lead_1')
 */
export const getLead = (db: Db, id: string) => db.query.leads.findFirst({ where: eq(leads.id, id) })

/**
 * Several leads by id, as a map: one read per chunk of ids (D1 binds at most 100 parameters per statement).
 * @example const byId = await getLeadsById(db, clocks.map((c) => c.leadId))
 */
export const getLeadsById = async (db: Db, ids: readonly string[]): Promise<Map<string, LeadRow>> => {
  const out = new Map<string, LeadRow>()
  for (const part of chunk([...new Set(ids)], IN_CHUNK))
    for (const row of await db.select().from(leads).where(inArray(leads.id, part))) out.set(row.id, row)
  return out
}

/**
 * Where a lead stands in its hand-off (status, assignee, when assigned and first touched), or undefined.
 * @example const lead = await leadProgress(db, leadId)
 */
export const leadProgress = (db: Db, id: string) =>
  db.query.leads.findFirst({
    where: eq(leads.id, id),
    columns: { status: true, assigneeId: true, assignedAt: true, firstTouchAt: true },
  })

/**
 * How many leads there are.
 * @example if ((await countLeads(db)) > 0) return
 */
export const countLeads = (db: Db) => db.$count(leads)

/**
 * A page of ids of rescorable leads (see `RESCORABLE`) after `after`, in id order (keyset pagination).
 * The unary `+` keeps SQLite off the status index: with it, every page read all rescorable leads and sorted
 * them (a job over 100k leads went quadratic); walking the primary key from `after` reads one page's rows.
 * @example const page = await rescorableLeadIds(db, '', 2000)
 */
export const rescorableLeadIds = async (db: Db, after: string, limit: number) =>
  (await db.select({ id: leads.id }).from(leads).where(rescorableAfter(after)).orderBy(asc(leads.id)).limit(limit)).map(
    (r) => r.id,
  )

const rescorableAfter = (after: string) => and(gt(leads.id, after), inArray(sql`+${leads.status}`, [...RESCORABLE]))

/**
 * The ids of {@link rescorableLeadIds} as a subquery, for a statement that reads what belongs to that page
 * (a criteria job reads a page's leads and their events in one batch, without the ids travelling first).
 * @example db.select().from(events).where(inArray(events.leadId, rescorablePageIds(db, '', 500)))
 */
export const rescorablePageIds = (db: Db, after: string, limit: number) =>
  db.select({ id: leads.id }).from(leads).where(rescorableAfter(after)).orderBy(asc(leads.id)).limit(limit)

/**
 * One query (for a `db.batch`) reading the page of rescorable leads after `after`, whole rows in id order.
 * @example const [rows, events] = await db.batch([rescorablePageQuery(db, '', 500), eventsForPageQuery(…)])
 */
export const rescorablePageQuery = (db: Db, after: string, limit: number) =>
  db.select().from(leads).where(rescorableAfter(after)).orderBy(asc(leads.id)).limit(limit)

/**
 * The insert of a new lead, not executed, for intake's chunked `db.batch`.
 * @example await runChunked(db, [insertLead(db, row), ...historyInserts(db, history)])
 */
export const insertLead = (db: Db, row: typeof leads.$inferInsert) => db.insert(leads).values(row)

/**
 * The update of a lead's columns, not executed, for a chunked `db.batch`.
 * @example statements.push(updateLead(db, lead.id, { ...plan.patch, updatedAt: now }))
 */
export const updateLead = (db: Db, id: string, set: Partial<typeof leads.$inferInsert>) =>
  db.update(leads).set(set).where(eq(leads.id, id))

/**
 * The insert of a lead's CRM references, not executed. A reference already attached to another lead stays
 * there (first writer wins), so lookups stay unambiguous.
 * @example statements.push(attachCrmRefs(db, lead.id, [{ system: 'hubspot', id: '123' }]))
 */
export const attachCrmRefs = (db: Db, leadId: string, refs: readonly CrmRef[]) =>
  db
    .insert(leadCrmRefs)
    .values(refs.map((r) => ({ system: r.system, refId: r.id, leadId })))
    .onConflictDoNothing()
