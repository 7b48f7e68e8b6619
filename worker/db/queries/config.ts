/**
 * Reads and writes of the routing configuration that marketing ops edit through `/v1/admin/…`: reps,
 * calendars, pools, routing rules, named accounts, SLA policies and alert channels. Each function takes
 * `db` first and returns rows; the routes shape them for the API.
 * @module
 */
import { asc, eq, inArray, sql } from 'drizzle-orm'
import type { ErrorIssue } from '../../../shared/schemas/errors'
import type { Db } from '../../app-env'
import { accounts, calendars, channels, poolMembers, pools, reps, routingRules, slaPolicies } from '../schema'
import { chunk, IN_CHUNK } from './chunk'

export type RepInsert = typeof reps.$inferInsert
export type CalendarInsert = typeof calendars.$inferInsert
export type RoutingRuleInsert = typeof routingRules.$inferInsert
export type SlaPolicyInsert = typeof slaPolicies.$inferInsert
export type ChannelInsert = typeof channels.$inferInsert
export type AccountInsert = typeof accounts.$inferInsert

/** A reference from one config row to another, with the request path that named it. */
export type ConfigRef = { table: 'reps' | 'calendars' | 'channels' | 'pools'; id: string | null; path: string }

const REF_TABLES = { reps, calendars, channels, pools }

/**
 * The issues for references that point at no row (one read per reference; configs name a handful).
 * @example const issues = await missingRefs(db, [{ table: 'pools', id: input.poolId, path: 'poolId' }])
 */
export const missingRefs = async (db: Db, refs: readonly ConfigRef[]): Promise<ErrorIssue[]> => {
  const issues: ErrorIssue[] = []
  for (const ref of refs) {
    if (!ref.id) continue
    const t = REF_TABLES[ref.table]
    const [row] = await db.select({ id: t.id }).from(t).where(eq(t.id, ref.id))
    if (!row) issues.push({ path: ref.path, message: `No ${ref.table.slice(0, -1)} with this id` })
  }
  return issues
}

// Reps
export const listReps = (db: Db) => db.select().from(reps).orderBy(asc(reps.name), asc(reps.id))
export const insertRep = async (db: Db, row: RepInsert) => (await db.insert(reps).values(row).returning())[0]!
export const updateRep = async (db: Db, id: string, set: Partial<RepInsert>) =>
  (await db.update(reps).set(set).where(eq(reps.id, id)).returning())[0]
/** Reps are deactivated, not deleted: their history and assignments keep pointing at them. */
export const deactivateRep = async (db: Db, id: string) =>
  (await db.update(reps).set({ active: false }).where(eq(reps.id, id)).returning())[0]
/** The ids among `ids` that are reps. */
export const existingRepIds = async (db: Db, ids: readonly string[]) => {
  const known = new Set<string>()
  for (const part of chunk([...new Set(ids)], IN_CHUNK)) {
    for (const r of await db.select({ id: reps.id }).from(reps).where(inArray(reps.id, part))) known.add(r.id)
  }
  return known
}

// Calendars
export const listCalendars = (db: Db) => db.select().from(calendars).orderBy(asc(calendars.name))
export const getCalendarRow = (db: Db, id: string) => db.query.calendars.findFirst({ where: eq(calendars.id, id) })
export const insertCalendar = async (db: Db, row: CalendarInsert) =>
  (await db.insert(calendars).values(row).returning())[0]!
export const updateCalendar = async (db: Db, id: string, set: Partial<CalendarInsert>) =>
  (await db.update(calendars).set(set).where(eq(calendars.id, id)).returning())[0]
export const calendarInUse = async (db: Db, id: string) =>
  (await db.select({ id: reps.id }).from(reps).where(eq(reps.calendarId, id)).limit(1)).length > 0
/** @returns whether a row was deleted */
export const deleteCalendar = async (db: Db, id: string) =>
  (await db.delete(calendars).where(eq(calendars.id, id)).run()).meta.changes > 0

// Pools
export type PoolMemberInput = { repId: string; weight: number | null }
export const listPools = (db: Db) => db.select().from(pools).orderBy(asc(pools.name))
export const listPoolMembers = (db: Db, poolId: string) =>
  db.select().from(poolMembers).where(eq(poolMembers.poolId, poolId)).orderBy(asc(poolMembers.repId))
export const insertPool = (db: Db, id: string, name: string) => db.insert(pools).values({ id, name })
/**
 * Replaces a pool's settings and members in one batch, bumping the round-robin version so that a pick in
 * flight retries against the new members.
 */
export const replacePool = async (
  db: Db,
  poolId: string,
  set: { name: string; respectWorkingHours: boolean; fallbackRepId: string | null; rrState: Record<string, number> },
  members: readonly PoolMemberInput[],
) => {
  await db.batch([
    db.delete(poolMembers).where(eq(poolMembers.poolId, poolId)),
    db
      .update(pools)
      .set({ ...set, rrVersion: sql`${pools.rrVersion} + 1` })
      .where(eq(pools.id, poolId)),
    ...(members.length
      ? [db.insert(poolMembers).values(members.map((m) => ({ poolId, repId: m.repId, weight: m.weight })))]
      : []),
  ])
}
export const poolInUse = async (db: Db, id: string) =>
  (await db.select({ id: routingRules.id }).from(routingRules).where(eq(routingRules.poolId, id)).limit(1)).length > 0
/** @returns whether a pool was deleted */
export const deletePool = async (db: Db, id: string) => {
  const [res] = await db.batch([
    db.delete(pools).where(eq(pools.id, id)),
    db.delete(poolMembers).where(eq(poolMembers.poolId, id)),
  ])
  return res.meta.changes > 0
}

// Routing rules (ordered by position, first match wins)
export const listRoutingRules = (db: Db) =>
  db.select().from(routingRules).orderBy(asc(routingRules.position), asc(routingRules.id))
export const getRoutingRule = (db: Db, id: string) =>
  db.query.routingRules.findFirst({ where: eq(routingRules.id, id) })
export const insertRoutingRule = async (db: Db, row: RoutingRuleInsert) =>
  (await db.insert(routingRules).values(row).returning())[0]!
export const updateRoutingRule = async (db: Db, id: string, set: Partial<RoutingRuleInsert>) =>
  (await db.update(routingRules).set(set).where(eq(routingRules.id, id)).returning())[0]
export const deleteRoutingRule = async (db: Db, id: string) =>
  (await db.delete(routingRules).where(eq(routingRules.id, id)).run()).meta.changes > 0

// Named accounts (domain → owner)
export const listAccounts = (db: Db, limit = 5000) =>
  db.select().from(accounts).orderBy(asc(accounts.domain)).limit(limit)
/** Upserts accounts by domain; chunks of 25 rows keep each statement under D1's bound-parameter limit. */
export const upsertAccounts = async (db: Db, rows: readonly AccountInsert[]) => {
  const stmts = chunk([...rows], 25).map((part) =>
    db
      .insert(accounts)
      .values(part)
      .onConflictDoUpdate({
        target: accounts.domain,
        set: { name: sql`excluded.name`, ownerRepId: sql`excluded.owner_rep_id` },
      }),
  )
  if (stmts.length) await db.batch(stmts as [(typeof stmts)[number], ...typeof stmts])
}
export const deleteAccount = async (db: Db, domain: string) =>
  (await db.delete(accounts).where(eq(accounts.domain, domain)).run()).meta.changes > 0

// SLA policies (ordered by position, first match wins)
export const listSlaPolicies = (db: Db) =>
  db.select().from(slaPolicies).orderBy(asc(slaPolicies.position), asc(slaPolicies.id))
export const getSlaPolicy = (db: Db, id: string) => db.query.slaPolicies.findFirst({ where: eq(slaPolicies.id, id) })
export const insertSlaPolicy = async (db: Db, row: SlaPolicyInsert) =>
  (await db.insert(slaPolicies).values(row).returning())[0]!
export const updateSlaPolicy = async (db: Db, id: string, set: Partial<SlaPolicyInsert>) =>
  (await db.update(slaPolicies).set(set).where(eq(slaPolicies.id, id)).returning())[0]
export const deleteSlaPolicy = async (db: Db, id: string) =>
  (await db.delete(slaPolicies).where(eq(slaPolicies.id, id)).run()).meta.changes > 0

// Alert channels
export const listChannels = (db: Db) => db.select().from(channels).orderBy(asc(channels.name))
export const insertChannel = async (db: Db, row: ChannelInsert) =>
  (await db.insert(channels).values(row).returning())[0]!
export const updateChannel = async (db: Db, id: string, set: Partial<ChannelInsert>) =>
  (await db.update(channels).set(set).where(eq(channels.id, id)).returning())[0]
export const deleteChannel = async (db: Db, id: string) =>
  (await db.delete(channels).where(eq(channels.id, id)).run()).meta.changes > 0
