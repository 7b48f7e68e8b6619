/**
 * Turns score plans into journey rows (for chunked `db.batch`) and runs the hand-offs they call for.
 * @module
 */
import type { HistoryRow } from '../../db/queries/history'
import type { DomainCtx } from '../context'
import type { HandOffReads } from '../../db/queries/handoff-reads'
import { handOff } from '../handoff'
import type { HistoryDraft } from './score-plan'

/** The journey rows of a plan. */
export const historyRows = (
  leadId: string,
  drafts: readonly HistoryDraft[],
  at: number,
  actor: string | null,
): HistoryRow[] => drafts.map((d) => ({ leadId, at, kind: d.kind, actor, data: d.data }))

/**
 * Hands off every lead that reached the hand-off threshold without an assignee, one after another (each
 * claims a rep). A failure of one hand-off is logged and does not undo the intake already stored.
 * @example await handOffAll(ctx, ['lead_1'])
 */
export const handOffAll = async (
  ctx: DomainCtx,
  leadIds: readonly string[],
  prefetched: ReadonlyMap<string, HandOffReads> = new Map(),
) => {
  for (const id of leadIds) {
    try {
      await handOff(ctx, id, prefetched.get(id))
    } catch (err) {
      console.error('hand-off failed', id, err)
    }
  }
}
