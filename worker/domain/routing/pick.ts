/**
 * Choosing a rep from a pool: eligibility, then one smooth-WRR step. The choice is pure over a routing
 * snapshot (`pickIn`); committing it is a compare-and-set on the pool's `rr_version`, so concurrent requests
 * can never both use the same cursor.
 * @module
 */
import { isOpenAt } from '../../../shared/time/business-time'
import { casRrState, type PoolRow } from '../../db/queries/pools'
import { isOutOfOffice, type RepRow } from '../../db/queries/reps'
import { readRoutingSnapshot, type RoutingSnapshot } from '../../db/queries/routing-snapshot'
import type { DomainCtx } from '../context'
import { swrrStep } from './swrr'

export type Skip = {
  repId: string
  name: string
  reason: 'inactive' | 'out of office' | 'at capacity' | 'outside working hours' | 'current owner'
}

/** The round-robin step a pick commits: the pool's new state, valid only while its version is `version`. */
export type RrStep = { poolId: string; version: number; state: Record<string, number> }

export type PoolPick = { pool: PoolRow; rep: RepRow | null; skipped: Skip[]; step: RrStep | null }

const MAX_CAS_ATTEMPTS = 200

/**
 * The next eligible rep of a pool (skipping `exclude`) and the round-robin step that picks them, from a
 * snapshot; null when the pool does not exist, `rep: null` when nobody is eligible.
 * @example const pick = pickIn(snapshot, 'pool_emea', Date.now()) // { rep, skipped, step }
 */
export const pickIn = (
  snap: RoutingSnapshot,
  poolId: string,
  now: number,
  exclude: ReadonlySet<string> = new Set(),
): PoolPick | null => {
  const pool = snap.pools.get(poolId)
  if (!pool) return null
  const skipped: Skip[] = []
  const eligible: Array<{ id: string; weight: number; rep: RepRow }> = []
  for (const m of snap.members.get(poolId) ?? []) {
    const rep = snap.reps.get(m.repId)
    if (!rep) continue
    const skip = (reason: Skip['reason']) => skipped.push({ repId: rep.id, name: rep.name, reason })
    if (exclude.has(rep.id)) skip('current owner')
    else if (!rep.active) skip('inactive')
    else if (isOutOfOffice(rep, now)) skip('out of office')
    else if (rep.capacity !== null && (snap.loads.get(rep.id) ?? 0) >= rep.capacity) skip('at capacity')
    else if (
      pool.respectWorkingHours &&
      !isOpenAt(now, rep.calendarId ? (snap.calendars.get(rep.calendarId) ?? null) : null)
    )
      skip('outside working hours')
    else eligible.push({ id: rep.id, weight: m.weight ?? rep.weight, rep })
  }
  const step = swrrStep(eligible, (pool.rrState ?? {}) as Record<string, number>)
  if (!step) return { pool, rep: null, skipped, step: null }
  return {
    pool,
    rep: eligible.find((e) => e.id === step.pick)!.rep,
    skipped,
    step: { poolId: pool.id, version: pool.rrVersion, state: step.state },
  }
}

/**
 * Picks the next eligible rep of a pool (skipping `exclude`), advancing the pool's round robin exactly once:
 * a snapshot read and a compare-and-set per attempt. Returns `rep: null` when nobody is eligible (the
 * state is then left as it was).
 * @example const { rep, skipped } = await pickFromPool(ctx, 'pool_emea')
 */
export const pickFromPool = async (
  ctx: DomainCtx,
  poolId: string,
  exclude: ReadonlySet<string> = new Set(),
): Promise<PoolPick | null> => {
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    const pick = pickIn(await readRoutingSnapshot(ctx.db, ''), poolId, ctx.now, exclude)
    if (!pick?.step) return pick
    if (await casRrState(ctx.db, poolId, pick.step.version, pick.step.state)) return pick
    await backOff(attempt)
  }
  throw new Error(`round robin of pool ${poolId}: too much contention`)
}

/**
 * After a lost compare-and-set: someone advanced the cursor. Yield briefly (jittered) before re-reading.
 * @example await backOff(attempt)
 */
export const backOff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(20, attempt + 1)))

/** "skipped Ana (out of office), Bo (at capacity)" or ''. */
export const describeSkips = (skipped: Skip[]) =>
  skipped.length ? `skipped ${skipped.map((s) => `${s.name} (${s.reason})`).join(', ')}` : ''
