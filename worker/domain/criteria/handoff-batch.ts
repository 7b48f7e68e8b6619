/**
 * Hand-offs in one batch: many leads routed in memory one after another, each decision carrying the routing
 * state on (the pools' round-robin steps, the reps' loads, the reps chosen for a domain), then every lead's
 * guarded statements in one `db.batch`. Each lead keeps the single hand-off's guards: the claim holds only
 * while nobody has the lead, and the rest of its writes only while the claim holds.
 * @module
 */
import type { BatchItem } from 'drizzle-orm/batch'
import { HAND_OFF_READS, type HandOffReads, handOffReadQueries, toHandOffReads } from '../../db/queries/handoff-reads'
import type { RoutingSnapshot } from '../../db/queries/routing-snapshot'
import { deliverSoon } from '../alerts/deliver'
import type { DomainCtx } from '../context'
import { deliverable, handOff, handOffOutcome, type HandOffPlan, planHandOff } from '../handoff'
import { leadDomain } from '../routing/facts'

type Batch = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]

/**
 * Reads what the hand-offs of these leads need, in one round trip (`HAND_OFF_READS` statements per lead).
 * @example const reads = await readHandOffs(ctx, ['lead_1', 'lead_2'])
 */
export const readHandOffs = async (ctx: DomainCtx, leadIds: readonly string[]) => {
  const out = new Map<string, HandOffReads>()
  if (leadIds.length === 0) return out
  const results = await ctx.db.batch(leadIds.flatMap((id) => handOffReadQueries(ctx.db, id)) as unknown as Batch)
  leadIds.forEach((id, k) => out.set(id, toHandOffReads(results.slice(k * HAND_OFF_READS, (k + 1) * HAND_OFF_READS))))
  return out
}

/**
 * Hands off these leads in one batch of writes (reading first those `reads` lacks); a lead whose pool's round
 * robin another hand-off advanced meanwhile is handed off again on its own. Answers how many leads were handed
 * off (assigned or queued for the managers). The batch is atomic: when it throws, none of it was written.
 * @example const n = await handOffBatch(ctx, ids, prefetched)
 */
export const handOffBatch = async (
  ctx: DomainCtx,
  leadIds: readonly string[],
  reads: ReadonlyMap<string, HandOffReads> = new Map(),
): Promise<number> => {
  const all = new Map([
    ...reads,
    ...(await readHandOffs(
      ctx,
      leadIds.filter((id) => !reads.has(id)),
    )),
  ])
  let pools: RoutingSnapshot['pools'] | null = null
  let loads: RoutingSnapshot['loads'] | null = null
  // Reps given a company domain in this batch: a later lead of that domain follows them, as it would have
  // followed the earlier lead read from the database.
  const byDomain = new Map<string, string>()
  const plans: Array<{ id: string; plan: HandOffPlan; at: number }> = []
  const statements: BatchItem<'sqlite'>[] = []
  for (const id of leadIds) {
    const read = all.get(id)
    if (!read?.lead) continue
    pools ??= new Map(read.snapshot.pools)
    loads ??= new Map(read.snapshot.loads)
    const earlier = byDomain.get(leadDomain(read.lead) ?? '')
    const snapshot: RoutingSnapshot = {
      ...read.snapshot,
      pools,
      loads,
      domainOwnerIds: earlier
        ? [earlier, ...read.snapshot.domainOwnerIds.filter((r) => r !== earlier)]
        : read.snapshot.domainOwnerIds,
    }
    const plan = planHandOff(ctx, id, read, snapshot)
    if (!plan) continue
    const { step, rep } = plan.decision
    if (step) pools.set(step.poolId, { ...pools.get(step.poolId)!, rrVersion: step.version + 1, rrState: step.state })
    if (rep) {
      if (rep.capacity !== null) loads.set(rep.id, (loads.get(rep.id) ?? 0) + 1)
      if (read.lead.companyDomain) byDomain.set(read.lead.companyDomain, rep.id)
    }
    plans.push({ id, plan, at: statements.length })
    statements.push(...plan.statements)
  }
  if (statements.length === 0) return 0
  const results = await ctx.db.batch(statements as unknown as Batch)
  const deliver: string[] = []
  const lost: string[] = []
  for (const { id, plan, at } of plans) {
    const outcome = handOffOutcome(plan, results, at)
    if (outcome === 'lost') lost.push(id)
    else deliver.push(...deliverable(plan, outcome))
  }
  // A lost race leaves the lead untouched but for its notices: the single hand-off reads again and retries.
  for (const id of lost) {
    try {
      await handOff(ctx, id)
    } catch (err) {
      // As for intake: the lead stays qualified and unassigned, and the cron's stalled hand-offs retry it.
      console.error('hand-off failed', id, err)
    }
  }
  await deliverSoon(ctx, deliver)
  return plans.length
}
