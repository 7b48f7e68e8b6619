import type { SQL } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { leadHistory } from '../schema'
import { chunk } from './chunk'
import { insertWhere } from './insert-where'

export type HistoryKind =
  | 'intake'
  | 'event'
  | 'score'
  | 'status'
  | 'assignment'
  | 'sla'
  | 'alert'
  | 'touch'
  | 'disposition'
  /** What a CRM said that Handoff records without acting on it in another table (an owner change). */
  | 'crm'

/**
 * The insert of one journey entry, not yet executed, so callers can put it in a `db.batch`.
 * @example await db.batch([updateLead, historyEntry(db, { leadId, at: now, kind: 'score', data: { from: 40, to: 75 } })])
 */
export const historyEntry = (
  db: Db,
  entry: { leadId: string; at: number; kind: HistoryKind; actor?: string | null; data: Record<string, unknown> },
  guard?: SQL,
) => {
  const row = { ...entry, actor: entry.actor ?? null }
  return guard ? insertWhere(db, leadHistory, row, guard) : db.insert(leadHistory).values(row)
}

export type HistoryRow = typeof leadHistory.$inferInsert

/** Journey rows per multi-row insert: 5 bound values each, under D1's 100 parameters per statement. */
const HISTORY_ROWS = 19

/**
 * Multi-row inserts of journey entries, not executed, for a chunked `db.batch`.
 * @example await runChunked(db, [...statements, ...historyInserts(db, rows)], 200)
 */
export const historyInserts = (db: Db, rows: readonly HistoryRow[]) =>
  chunk(rows, HISTORY_ROWS).map((part) => db.insert(leadHistory).values(part))
