/**
 * The cron's safety net for hand-offs that failed inside a request: each stalled lead is handed off again,
 * and its journey says that the cron did it.
 * @module
 */
import { historyEntry } from '../db/queries/history'
import { stalledHandOffs } from '../db/queries/stalled-handoffs'
import type { DomainCtx } from './context'
import { handOffAll } from './intake/write-plan'

/** A lead must have been quiet this long: a hand-off still running in a request is not retried. */
const QUIET_MS = 2 * 60_000
const PER_TICK = 25

/**
 * Retries stalled hand-offs; returns how many it tried.
 * @example await retryStalledHandOffs(ctx)
 */
export const retryStalledHandOffs = async (ctx: DomainCtx): Promise<number> => {
  const ids = await stalledHandOffs(ctx.db, ctx.now - QUIET_MS, PER_TICK)
  if (ids.length === 0) return 0
  await ctx.db.batch(
    ids.map((leadId) =>
      historyEntry(ctx.db, {
        leadId,
        at: ctx.now,
        kind: 'status',
        actor: 'cron',
        data: { summary: 'Hand-off retried by the cron: the earlier attempt did not complete' },
      }),
    ) as [ReturnType<typeof historyEntry>, ...ReturnType<typeof historyEntry>[]],
  )
  await handOffAll({ ...ctx, actor: 'cron' }, ids)
  return ids.length
}
