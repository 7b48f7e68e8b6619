import type { DomainCtx } from '../domain/context'

/**
 * The every-minute tick: SLA milestones due by `ctx.now`, then alert delivery.
 * Work is proportional to what is due (owner: assignment).
 * @example await runTick({ db, env, now: controller.scheduledTime })
 */
export const runTick = async (_ctx: DomainCtx): Promise<void> => {}
