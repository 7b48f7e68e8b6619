/**
 * Choosing a rep from a pool: eligibility, then one smooth-WRR step committed with compare-and-set on the pool's
 * `rr_version`, so concurrent requests can never both use the same cursor.
 * @module
 */
import { isOpenAt } from '../../../shared/time/business-time'
import { casRrState, getPool, type PoolRow, poolMembersWithReps } from '../../db/queries/pools'
import { getCalendar, isOutOfOffice, openLoads, type RepRow } from '../../db/queries/reps'
import type { DomainCtx } from '../context'
import { swrrStep } from './swrr'

export type Skip = {
  repId: string
  name: string
  reason: 'inactive' | 'out of office' | 'at capacity' | 'outside working hours' | 'current owner'
}

export type PoolPick = { pool: PoolRow; rep: RepRow | null; skipped: Skip[] }

const MAX_CAS_ATTEMPTS = 200

/**
 * Picks the next eligible rep of a pool (skipping `exclude`), advancing the pool's round robin exactly once.
 * Returns `rep: null` when nobody is eligible (the state is then left as it was).
 * @example const { rep, skipped } = await pickFromPool(ctx, 'pool_emea')
 */
export const pickFromPool = async (
  ctx: DomainCtx,
  poolId: string,
  exclude: ReadonlySet<string> = new Set(),
): Promise<PoolPick | null> => {
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    const pool = await getPool(ctx.db, poolId)
    if (!pool) return null
    const members = await poolMembersWithReps(ctx.db, poolId)
    const loads = await openLoads(
      ctx.db,
      members.filter((m) => m.rep.capacity !== null).map((m) => m.rep.id),
    )
    const skipped: Skip[] = []
    const eligible: Array<{ id: string; weight: number; rep: RepRow }> = []
    for (const { rep, weight } of members) {
      const skip = (reason: Skip['reason']) => skipped.push({ repId: rep.id, name: rep.name, reason })
      if (exclude.has(rep.id)) skip('current owner')
      else if (!rep.active) skip('inactive')
      else if (isOutOfOffice(rep, ctx.now)) skip('out of office')
      else if (rep.capacity !== null && (loads.get(rep.id) ?? 0) >= rep.capacity) skip('at capacity')
      else if (pool.respectWorkingHours && !isOpenAt(ctx.now, await getCalendar(ctx.db, rep.calendarId)))
        skip('outside working hours')
      else eligible.push({ id: rep.id, weight, rep })
    }
    const step = swrrStep(eligible, (pool.rrState ?? {}) as Record<string, number>)
    if (!step) return { pool, rep: null, skipped }
    if (await casRrState(ctx.db, pool.id, pool.rrVersion, step.state)) {
      return { pool, rep: eligible.find((e) => e.id === step.pick)!.rep, skipped }
    }
    // Lost the race: someone advanced the cursor. Yield briefly (jittered) and re-read.
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(20, attempt + 1)))
  }
  throw new Error(`round robin of pool ${poolId}: too much contention`)
}

/** "skipped Ana (out of office), Bo (at capacity)" or ''. */
export const describeSkips = (skipped: Skip[]) =>
  skipped.length ? `skipped ${skipped.map((s) => `${s.name} (${s.reason})`).join(', ')}` : ''
