/**
 * Ending a clock from outside the cron: the first touch meets it, a disqualification before any touch stops it.
 * @module
 */
import { historyEntry } from '../../db/queries/history'
import { meetClocks, stopClocks } from '../../db/queries/sla'
import type { DomainCtx } from '../context'

/**
 * Meets the lead's open clock (first touch). Later touches change nothing.
 * @example await meetSla(ctx, leadId, ctx.now)
 */
export const meetSla = async (ctx: DomainCtx, leadId: string, at: number): Promise<void> => {
  if ((await meetClocks(ctx.db, leadId, at)) > 0) {
    await historyEntry(ctx.db, { leadId, at, kind: 'sla', actor: ctx.actor ?? null, data: { event: 'met' } })
  }
}

/**
 * Stops the lead's open clock without meeting it (e.g. disqualified before a touch); nothing more is sent.
 * @example await stopSla(ctx, leadId, ctx.now, 'disqualified')
 */
export const stopSla = async (ctx: DomainCtx, leadId: string, at: number, reason: string): Promise<void> => {
  if ((await stopClocks(ctx.db, leadId, at)) > 0) {
    await historyEntry(ctx.db, {
      leadId,
      at,
      kind: 'sla',
      actor: ctx.actor ?? null,
      data: { event: 'stopped', reason },
    })
  }
}
