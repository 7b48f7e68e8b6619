/**
 * Pools and routing rule rows, plus the compare-and-set update of a pool's round-robin state.
 * @module
 */
import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { pools, routingRules } from '../schema'

export type PoolRow = typeof pools.$inferSelect
export type RoutingRuleRow = typeof routingRules.$inferSelect

export const getPool = (db: Db, id: string) => db.query.pools.findFirst({ where: eq(pools.id, id) })

/**
 * Every pool's id and name, by name: what a manager picks from to send a lead back to a pool. Members, weights
 * and round-robin state stay admin-only.
 * @example const names = await poolNames(db) // [{ id: 'pool_1', name: 'DACH team' }]
 */
export const poolNames = (db: Db) =>
  db.select({ id: pools.id, name: pools.name }).from(pools).orderBy(asc(pools.name), asc(pools.id))

/**
 * Writes a new round-robin state only if nobody else did since `version` was read.
 * @returns true when this caller won (one row changed); false means re-read and retry.
 * @example if (!(await casRrState(db, pool.id, pool.rrVersion, next))) continue
 */
export const casRrState = async (db: Db, poolId: string, version: number, state: Record<string, number>) =>
  (await casRrStatement(db, poolId, version, state)).length === 1

/**
 * The compare-and-set as a statement of a batch, not executed; returns the pool's id when it won.
 * @example db.batch([casRrStatement(db, pool.id, pool.rrVersion, next), claimStatement(…, true)])
 */
export const casRrStatement = (db: Db, poolId: string, version: number, state: Record<string, number>) =>
  db
    .update(pools)
    .set({ rrState: state, rrVersion: sql`${pools.rrVersion} + 1` })
    .where(and(eq(pools.id, poolId), eq(pools.rrVersion, version)))
    .returning({ id: pools.id })
