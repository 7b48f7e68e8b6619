/**
 * Pools, members and routing rules, plus the compare-and-set update of a pool's round-robin state.
 * @module
 */
import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { accounts, leads, poolMembers, pools, reps, routingRules } from '../schema'

export type PoolRow = typeof pools.$inferSelect
export type RoutingRuleRow = typeof routingRules.$inferSelect

export const getPool = (db: Db, id: string) => db.query.pools.findFirst({ where: eq(pools.id, id) })

/** Members of a pool with their effective weight (pool override, else the rep's weight), ordered by rep id. */
export const poolMembersWithReps = async (db: Db, poolId: string) => {
  const rows = await db
    .select({ rep: reps, weight: poolMembers.weight })
    .from(poolMembers)
    .innerJoin(reps, eq(reps.id, poolMembers.repId))
    .where(eq(poolMembers.poolId, poolId))
    .orderBy(asc(poolMembers.repId))
  return rows.map((r) => ({ rep: r.rep, weight: r.weight ?? r.rep.weight }))
}

/** Active routing rules in order. */
export const activeRoutingRules = (db: Db) =>
  db
    .select()
    .from(routingRules)
    .where(eq(routingRules.active, true))
    .orderBy(asc(routingRules.position), asc(routingRules.id))

/**
 * Writes a new round-robin state only if nobody else did since `version` was read.
 * @returns true when this caller won (one row changed); false means re-read and retry.
 * @example if (!(await casRrState(db, pool.id, pool.rrVersion, next))) continue
 */
export const casRrState = async (db: Db, poolId: string, version: number, state: Record<string, number>) => {
  const res = await db
    .update(pools)
    .set({ rrState: state, rrVersion: sql`${pools.rrVersion} + 1` })
    .where(and(eq(pools.id, poolId), eq(pools.rrVersion, version)))
    .run()
  return res.meta.changes === 1
}

/** The imported owner of an account domain, if any. */
export const accountOwner = async (db: Db, domain: string) =>
  (await db.query.accounts.findFirst({ where: eq(accounts.domain, domain) }))?.ownerRepId ?? null

/** Reps who currently own (are assigned) earlier leads of the same company domain, most recent first. */
export const domainOwners = async (db: Db, domain: string, excludeLeadId: string) => {
  const rows = await db
    .select({ repId: leads.assigneeId })
    .from(leads)
    .where(
      and(eq(leads.companyDomain, domain), sql`${leads.assigneeId} is not null`, sql`${leads.id} != ${excludeLeadId}`),
    )
    .orderBy(sql`${leads.assignedAt} desc`)
    .limit(20)
  return [...new Set(rows.map((r) => r.repId!))]
}
