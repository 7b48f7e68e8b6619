/**
 * Turns score plans into statements (for chunked `db.batch`) and runs the hand-offs they call for.
 * @module
 */
import { eq } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { chunk } from '../../db/queries/chunk'
import { leadHistory, leads } from '../../db/schema'
import type { DomainCtx } from '../context'
import { handOff } from '../handoff'
import type { HistoryDraft, ScorePatch } from './score-plan'

export type HistoryRow = typeof leadHistory.$inferInsert

/** Journey rows per multi-row insert: 5 bound values each, under D1's 100 parameters per statement. */
const HISTORY_ROWS = 19

/** The journey rows of a plan. */
export const historyRows = (
  leadId: string,
  drafts: readonly HistoryDraft[],
  at: number,
  actor: string | null,
): HistoryRow[] => drafts.map((d) => ({ leadId, at, kind: d.kind, actor, data: d.data }))

/** Multi-row inserts of journey entries. */
export const historyInserts = (db: Db, rows: readonly HistoryRow[]) =>
  chunk(rows, HISTORY_ROWS).map((part) => db.insert(leadHistory).values(part))

/** The update of a lead's score columns. */
export const scoreUpdate = (db: Db, leadId: string, patch: ScorePatch, now: number) =>
  db
    .update(leads)
    .set({ ...patch, updatedAt: now })
    .where(eq(leads.id, leadId))

/**
 * Hands off every lead that reached the hand-off threshold without an assignee, one after another (each
 * claims a rep). A failure of one hand-off is logged and does not undo the intake already stored.
 * @example await handOffAll(ctx, ['lead_1'])
 */
export const handOffAll = async (ctx: DomainCtx, leadIds: readonly string[]) => {
  for (const id of leadIds) {
    try {
      await handOff(ctx, id)
    } catch (err) {
      console.error('hand-off failed', id, err)
    }
  }
}
