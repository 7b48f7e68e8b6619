/**
 * The every-minute tick: SLA milestones due by `ctx.now`, then alert delivery (including retries).
 * Work is proportional to what is due: both steps read index ranges (`next_check_at`, `state, next_attempt_at`).
 * @module
 */
import type { DomainCtx } from '../domain/context'
import { deliverDueAlerts } from '../domain/alerts/deliver'
import { processDueClocks } from '../domain/sla/milestones'

/**
 * Runs one tick at `ctx.now` (the scheduled time).
 * @example await runTick({ db, env, now: controller.scheduledTime })
 */
export const runTick = async (ctx: DomainCtx): Promise<{ milestones: number; delivered: number }> => {
  const milestones = await processDueClocks(ctx)
  const delivered = await deliverDueAlerts(ctx)
  return { milestones, delivered }
}
