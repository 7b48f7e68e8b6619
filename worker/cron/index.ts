/**
 * The every-minute tick: SLA milestones due by `ctx.now`, then alert delivery (including retries), then
 * retention (bounded per tick, see `domain/retention.ts`).
 * Work is proportional to what is due: both steps read index ranges (`next_check_at`, `state, next_attempt_at`).
 * @module
 */
import type { DomainCtx } from '../domain/context'
import { deliverDueAlerts } from '../domain/alerts/deliver'
import { processDueClocks } from '../domain/sla/milestones'
import { pruneDeliveries } from '../db/queries/sources'
import { applyRetention } from '../domain/retention'
import { retryStalledHandOffs } from '../domain/retry-handoffs'

/** Webhook delivery ids are kept a week: senders retry for a day (Salesforce) to three (HubSpot). */
const DELIVERY_RETENTION_MS = 7 * 86_400_000

/**
 * Runs one tick at `ctx.now` (the scheduled time).
 * @example await runTick({ db, env, now: controller.scheduledTime })
 */
export const runTick = async (ctx: DomainCtx): Promise<{ milestones: number; delivered: number }> => {
  const milestones = await processDueClocks(ctx)
  const delivered = await deliverDueAlerts(ctx)
  await retryStalledHandOffs(ctx)
  await pruneDeliveries(ctx.db, ctx.now - DELIVERY_RETENTION_MS)
  await applyRetention(ctx)
  return { milestones, delivered }
}
