import type { Db } from '../../app-env'
import { leadHistory } from '../schema'

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
) => db.insert(leadHistory).values({ ...entry, actor: entry.actor ?? null })
