/**
 * Everything routing reads, in one D1 round trip: rules, pools and members, reps with their open loads,
 * calendars, and the owners of the lead's account. Routing then decides in memory (`domain/routing`), so a
 * hand-off costs one read whatever the number of rules, pools and reps.
 * @module
 */
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm'
import { Calendar } from '../../../shared/time/calendar'
import type { Db } from '../../app-env'
import { accounts, calendars, leads, poolMembers, pools, reps, routingRules } from '../schema'
import type { PoolRow, RoutingRuleRow } from './pools'

type RepRow = typeof reps.$inferSelect

export type RoutingSnapshot = {
  rules: RoutingRuleRow[]
  pools: Map<string, PoolRow>
  /** Members of each pool, ordered by rep id, with the pool's weight override (null: the rep's weight). */
  members: Map<string, Array<{ repId: string; weight: number | null }>>
  reps: Map<string, RepRow>
  /** Open, untouched leads per rep with a capacity (what `capacity` limits). */
  loads: Map<string, number>
  /** Calendars by id, parsed; null when a stored one does not parse (then treated as 24/7, as before). */
  calendars: Map<string, Calendar | null>
  /** The imported owner of the lead's account domain. */
  accountOwnerId: string | null
  /** Reps assigned earlier leads of the same domain, most recent first. */
  domainOwnerIds: string[]
}

/** The lead's company domain (else its email's), lower-cased, as routing matches accounts by it. */
const domainOf = (leadId: string) =>
  sql`(select lower(coalesce(${leads.companyDomain}, substr(${leads.email}, instr(${leads.email}, '@') + 1))) from ${leads} where ${leads.id} = ${leadId})`

/**
 * The statements of a routing snapshot, for the caller's `db.batch` (with its own reads after them).
 * `leadId` names the lead whose account owners are read ('' for none).
 * @example const results = await db.batch([...routingSnapshotQueries(db, id), other]); toRoutingSnapshot(results)
 */
export const routingSnapshotQueries = (db: Db, leadId: string) =>
  [
    db
      .select()
      .from(routingRules)
      .where(eq(routingRules.active, true))
      .orderBy(asc(routingRules.position), asc(routingRules.id)),
    db.select().from(pools),
    db
      .select({ poolId: poolMembers.poolId, repId: poolMembers.repId, weight: poolMembers.weight })
      .from(poolMembers)
      .orderBy(asc(poolMembers.poolId), asc(poolMembers.repId)),
    db.select().from(reps),
    db
      .select({ repId: leads.assigneeId, n: count() })
      .from(leads)
      .where(
        and(
          inArray(leads.assigneeId, db.select({ id: reps.id }).from(reps).where(isNotNull(reps.capacity))),
          eq(leads.status, 'assigned'),
          isNull(leads.firstTouchAt),
        ),
      )
      .groupBy(leads.assigneeId),
    db.select().from(calendars),
    db
      .select({ ownerRepId: accounts.ownerRepId })
      .from(accounts)
      .where(eq(accounts.domain, domainOf(leadId)))
      .limit(1),
    db
      .select({ repId: leads.assigneeId })
      .from(leads)
      .where(and(eq(leads.companyDomain, domainOf(leadId)), isNotNull(leads.assigneeId), ne(leads.id, leadId)))
      .orderBy(desc(leads.assignedAt))
      .limit(20),
  ] as const

/** How many statements `routingSnapshotQueries` makes. */
export const ROUTING_QUERIES = 8

type Results = {
  [K in keyof ReturnType<typeof routingSnapshotQueries>]: Awaited<ReturnType<typeof routingSnapshotQueries>[K]>
}

/**
 * The snapshot from the first `ROUTING_SNAPSHOT_QUERIES` results of a batch.
 * @example const snapshot = toRoutingSnapshot(results as never)
 */
export const toRoutingSnapshot = (results: Results): RoutingSnapshot => {
  const [rules, poolRows, memberRows, repRows, loadRows, calendarRows, owner, earlier] = results
  const members = new Map<string, Array<{ repId: string; weight: number | null }>>()
  for (const m of memberRows) (members.get(m.poolId) ?? members.set(m.poolId, []).get(m.poolId)!).push(m)
  const calendarsById = new Map<string, Calendar | null>()
  for (const c of calendarRows) {
    const parsed = Calendar.safeParse({ timeZone: c.timeZone, schedule: c.schedule, holidays: c.holidays })
    calendarsById.set(c.id, parsed.success ? parsed.data : null)
  }
  return {
    rules,
    pools: new Map(poolRows.map((p) => [p.id, p])),
    members,
    reps: new Map(repRows.map((r) => [r.id, r])),
    loads: new Map(loadRows.map((l) => [l.repId!, l.n])),
    calendars: calendarsById,
    accountOwnerId: owner[0]?.ownerRepId ?? null,
    domainOwnerIds: [...new Set(earlier.map((r) => r.repId!))],
  }
}

/**
 * Reads a routing snapshot on its own (one round trip).
 * @example const snapshot = await readRoutingSnapshot(db, lead.id)
 */
export const readRoutingSnapshot = async (db: Db, leadId: string): Promise<RoutingSnapshot> =>
  toRoutingSnapshot((await db.batch(routingSnapshotQueries(db, leadId))) as unknown as Results)
