/**
 * Engagement events: de-duplicated inserts (by the sender's id) and reads for scoring.
 * @module
 */
import { desc, inArray, sql, type SQLWrapper } from 'drizzle-orm'
import type { ScoredEvent } from '../../../shared/schemas/criteria'
import type { Db } from '../../app-env'
import { events, leads } from '../schema'
import { chunk, IN_CHUNK } from './chunk'

export type NewEventRow = typeof events.$inferInsert

/** Rows per multi-row insert: 6 bound values each, under D1's 100 parameters per statement. */
const INSERT_ROWS = 16

/**
 * Inserts (for one `db.batch`) that skip ids already stored; each returns the client ids it inserted, so
 * the caller counts duplicates from what came back.
 * @example const inserted = (await db.batch(insertEventsStatements(db, rows))).flat()
 */
export const insertEventsStatements = (db: Db, rows: readonly NewEventRow[]) =>
  chunk(rows, INSERT_ROWS).map((part) =>
    db
      .insert(events)
      .values(part)
      .onConflictDoNothing({ target: events.clientId })
      .returning({ clientId: events.clientId }),
  )

/** What scoring reads of an event (see `groupEvents`): every lead-events read selects these. */
const SCORED_EVENT_COLUMNS = {
  leadId: events.leadId,
  type: events.type,
  occurredAt: events.occurredAt,
  properties: events.properties,
  count: events.count,
}

/** Queries reading every event of these leads, newest first. */
export const eventsForLeadsQueries = (db: Db, leadIds: readonly string[]) =>
  chunk([...new Set(leadIds)], IN_CHUNK).map((part) =>
    db.select(SCORED_EVENT_COLUMNS).from(events).where(inArray(events.leadId, part)).orderBy(desc(events.occurredAt)),
  )

/**
 * One query (for a `db.batch`) reading the events of these leads, newest first, the ids bound as one JSON
 * text (see `leadsByIdJsonQuery`).
 * @example const [rows] = await db.batch([eventsForLeadsJsonQuery(db, ids)])
 */
export const eventsForLeadsJsonQuery = (db: Db, leadIds: readonly string[]) =>
  db
    .select(SCORED_EVENT_COLUMNS)
    .from(events)
    .where(sql`${events.leadId} in (select value from json_each(${JSON.stringify(leadIds)}))`)
    .orderBy(desc(events.occurredAt))

/**
 * One query (for a `db.batch`) reading the events of the leads `leadIds` selects (a subquery such as
 * `rescorablePageIds`), newest first: a page's events in the same round trip as its leads.
 * @example await db.batch([rescorablePageQuery(db, after, 500), eventsForLeadsInQuery(db, rescorablePageIds(db, after, 500))])
 */
export const eventsForLeadsInQuery = (db: Db, leadIds: SQLWrapper) =>
  db.select(SCORED_EVENT_COLUMNS).from(events).where(inArray(events.leadId, leadIds)).orderBy(desc(events.occurredAt))

export type LeadEvent = { leadId: string; type: string; occurredAt: number; properties: unknown; count?: number }

/**
 * Groups event rows by lead as scoring sees them (newest first), at most `perLead` each.
 * @example const byLead = groupEvents(rows) ; score(facts, byLead.get(id) ?? [], criteria, now)
 */
export const groupEvents = (rows: readonly LeadEvent[], perLead = Number.POSITIVE_INFINITY) => {
  const byLead = new Map<string, ScoredEvent[]>()
  for (const r of rows) {
    let list = byLead.get(r.leadId)
    if (!list) byLead.set(r.leadId, (list = []))
    if (list.length >= perLead) continue
    const properties = (r.properties ?? {}) as ScoredEvent['properties']
    list.push({
      type: r.type,
      occurredAt: r.occurredAt,
      properties,
      ...(r.count && r.count > 1 ? { count: r.count } : {}),
    })
  }
  return byLead
}

/** Queries reading every event of the leads with these normalized emails (for a batch with the leads' read). */
export const eventsForEmailsQueries = (db: Db, emailNorms: readonly string[]) =>
  chunk([...new Set(emailNorms)], IN_CHUNK).map((part) =>
    db
      .select(SCORED_EVENT_COLUMNS)
      .from(events)
      .where(inArray(events.leadId, db.select({ id: leads.id }).from(leads).where(inArray(leads.emailNorm, part))))
      .orderBy(desc(events.occurredAt)),
  )
