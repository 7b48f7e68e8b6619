/**
 * /v1/admin/reps, calendars, pools, routing-rules, accounts, sla-policies, channels and
 * settings/managers-channel (admin only). Documented in docs/assignment.md.
 * @module
 */
import { asc, eq, inArray, sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { z } from 'zod'
import {
  AccountsImport,
  CalendarInput,
  ChannelInput,
  ManagersChannelInput,
  PoolInput,
  RepInput,
  RoutingRuleInput,
  SlaPolicyInput,
} from '../../shared/schemas/admin'
import type { ErrorIssue } from '../../shared/schemas/errors'
import type { AppEnv, Db } from '../app-env'
import { getManagersChannelId, setManagersChannelId } from '../db/queries/reps'
import { accounts, calendars, channels, poolMembers, pools, reps, routingRules, slaPolicies } from '../db/schema'
import { ApiError } from '../errors'
import { newId } from '../lib/crypto'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'

const IdParam = z.object({ id: z.string().min(1).max(100) })

const notFound = (what: string) => new ApiError(404, 'not_found', `No ${what} with this id`)
const invalid = (issues: ErrorIssue[]) => new ApiError(422, 'validation_failed', 'The request did not pass validation', issues)

/** Checks that referenced rows exist; 422 with the paths of the missing ones. */
const checkRefs = async (db: Db, refs: Array<{ table: 'reps' | 'calendars' | 'channels' | 'pools'; id: string | null; path: string }>) => {
  const issues: ErrorIssue[] = []
  const tables = { reps, calendars, channels, pools }
  for (const ref of refs) {
    if (!ref.id) continue
    const t = tables[ref.table]
    const [row] = await db.select({ id: t.id }).from(t).where(eq(t.id, ref.id))
    if (!row) issues.push({ path: ref.path, message: `No ${ref.table.slice(0, -1)} with this id` })
  }
  if (issues.length) throw invalid(issues)
}

const repOut = (r: typeof reps.$inferSelect) => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: r.role,
  managerId: r.managerId,
  timeZone: r.timeZone,
  calendarId: r.calendarId,
  active: r.active,
  outOfOffice: r.outOfOffice,
  capacity: r.capacity,
  weight: r.weight,
  channelId: r.channelId,
})

const channelOut = (c: typeof channels.$inferSelect) => ({ id: c.id, name: c.name, kind: c.kind, url: c.url, hasSecret: !!c.secret })

const policyOut = (p: typeof slaPolicies.$inferSelect) => ({
  id: p.id,
  name: p.name,
  position: p.position,
  match: p.conditions,
  durationMinutes: p.durationMinutes,
  businessHours: p.businessHours,
  warnings: p.warnings,
  escalation: p.escalation,
})

const poolOut = async (db: Db, p: typeof pools.$inferSelect) => ({
  id: p.id,
  name: p.name,
  respectWorkingHours: p.respectWorkingHours,
  fallbackRepId: p.fallbackRepId,
  members: (await db.select().from(poolMembers).where(eq(poolMembers.poolId, p.id)).orderBy(asc(poolMembers.repId))).map((m) => ({ repId: m.repId, weight: m.weight })),
  rrState: p.rrState,
  rrVersion: p.rrVersion,
})

const repRefs = (input: RepInput, selfId?: string) => {
  if (selfId && input.managerId === selfId) throw invalid([{ path: 'managerId', message: 'A rep cannot manage themself' }])
  return [
    { table: 'reps' as const, id: input.managerId, path: 'managerId' },
    { table: 'calendars' as const, id: input.calendarId, path: 'calendarId' },
    { table: 'channels' as const, id: input.channelId, path: 'channelId' },
  ]
}

const isUniqueViolation = (err: unknown) => /UNIQUE constraint failed/i.test(String((err as Error)?.message ?? err) + String((err as { cause?: Error })?.cause?.message ?? ''))

const poolRefs = (input: PoolInput) => [
  { table: 'reps' as const, id: input.fallbackRepId, path: 'fallbackRepId' },
  ...input.members.map((m, i) => ({ table: 'reps' as const, id: m.repId, path: `members.${i}.repId` })),
]

/** Replaces a pool's members; round-robin state of reps who left is dropped. */
const writeMembers = async (db: Db, poolId: string, input: PoolInput, rrState: Record<string, number>) => {
  const keep = new Set(input.members.map((m) => m.repId))
  const state = Object.fromEntries(Object.entries(rrState).filter(([id]) => keep.has(id)))
  await db.batch([
    db.delete(poolMembers).where(eq(poolMembers.poolId, poolId)),
    db.update(pools).set({ name: input.name, respectWorkingHours: input.respectWorkingHours, fallbackRepId: input.fallbackRepId, rrState: state, rrVersion: sql`${pools.rrVersion} + 1` }).where(eq(pools.id, poolId)),
    ...(input.members.length ? [db.insert(poolMembers).values(input.members.map((m) => ({ poolId, repId: m.repId, weight: m.weight })))] : []),
  ])
}

export const adminRoutingRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  // Reps and managers
  .get('/reps', async (c) => c.json({ reps: (await c.var.db.select().from(reps).orderBy(asc(reps.name), asc(reps.id))).map(repOut) }))
  .post('/reps', validate('json', RepInput), async (c) => {
    const input = c.req.valid('json')
    await checkRefs(c.var.db, repRefs(input))
    const id = newId('rep')
    try {
      const [row] = await c.var.db.insert(reps).values({ id, ...input, email: input.email.toLowerCase() }).returning()
      return c.json({ rep: repOut(row!) }, 201)
    } catch (err) {
      if (isUniqueViolation(err)) throw new ApiError(409, 'conflict', 'A rep with this email exists')
      throw err
    }
  })
  .get('/reps/:id', validate('param', IdParam), async (c) => {
    const row = await c.var.db.query.reps.findFirst({ where: eq(reps.id, c.req.valid('param').id) })
    if (!row) throw notFound('rep')
    return c.json({ rep: repOut(row) })
  })
  .put('/reps/:id', validate('param', IdParam), validate('json', RepInput), async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    await checkRefs(c.var.db, repRefs(input, id))
    try {
      const [row] = await c.var.db.update(reps).set({ ...input, email: input.email.toLowerCase() }).where(eq(reps.id, id)).returning()
      if (!row) throw notFound('rep')
      return c.json({ rep: repOut(row) })
    } catch (err) {
      if (isUniqueViolation(err)) throw new ApiError(409, 'conflict', 'A rep with this email exists')
      throw err
    }
  })
  // Reps are deactivated, not deleted: their history and assignments keep pointing at them.
  .delete('/reps/:id', validate('param', IdParam), async (c) => {
    const [row] = await c.var.db.update(reps).set({ active: false }).where(eq(reps.id, c.req.valid('param').id)).returning()
    if (!row) throw notFound('rep')
    return c.json({ rep: repOut(row) })
  })
  // Business-hours calendars
  .get('/calendars', async (c) => c.json({ calendars: await c.var.db.select().from(calendars).orderBy(asc(calendars.name)) }))
  .post('/calendars', validate('json', CalendarInput), async (c) => {
    const [row] = await c.var.db.insert(calendars).values({ id: newId('cal'), ...c.req.valid('json') }).returning()
    return c.json({ calendar: row }, 201)
  })
  .get('/calendars/:id', validate('param', IdParam), async (c) => {
    const row = await c.var.db.query.calendars.findFirst({ where: eq(calendars.id, c.req.valid('param').id) })
    if (!row) throw notFound('calendar')
    return c.json({ calendar: row })
  })
  .put('/calendars/:id', validate('param', IdParam), validate('json', CalendarInput), async (c) => {
    const [row] = await c.var.db.update(calendars).set(c.req.valid('json')).where(eq(calendars.id, c.req.valid('param').id)).returning()
    if (!row) throw notFound('calendar')
    return c.json({ calendar: row })
  })
  .delete('/calendars/:id', validate('param', IdParam), async (c) => {
    const { id } = c.req.valid('param')
    const [user] = await c.var.db.select({ id: reps.id }).from(reps).where(eq(reps.calendarId, id)).limit(1)
    if (user) throw new ApiError(409, 'conflict', 'Reps still use this calendar')
    const res = await c.var.db.delete(calendars).where(eq(calendars.id, id)).run()
    if (!res.meta.changes) throw notFound('calendar')
    return c.body(null, 204)
  })
  // Pools and members
  .get('/pools', async (c) => {
    const rows = await c.var.db.select().from(pools).orderBy(asc(pools.name))
    return c.json({ pools: await Promise.all(rows.map((p) => poolOut(c.var.db, p))) })
  })
  .post('/pools', validate('json', PoolInput), async (c) => {
    const input = c.req.valid('json')
    await checkRefs(c.var.db, poolRefs(input))
    const id = newId('pool')
    await c.var.db.insert(pools).values({ id, name: input.name })
    await writeMembers(c.var.db, id, input, {})
    return c.json({ pool: await poolOut(c.var.db, (await c.var.db.query.pools.findFirst({ where: eq(pools.id, id) }))!) }, 201)
  })
  .get('/pools/:id', validate('param', IdParam), async (c) => {
    const row = await c.var.db.query.pools.findFirst({ where: eq(pools.id, c.req.valid('param').id) })
    if (!row) throw notFound('pool')
    return c.json({ pool: await poolOut(c.var.db, row) })
  })
  .put('/pools/:id', validate('param', IdParam), validate('json', PoolInput), async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    const row = await c.var.db.query.pools.findFirst({ where: eq(pools.id, id) })
    if (!row) throw notFound('pool')
    await checkRefs(c.var.db, poolRefs(input))
    await writeMembers(c.var.db, id, input, row.rrState as Record<string, number>)
    return c.json({ pool: await poolOut(c.var.db, (await c.var.db.query.pools.findFirst({ where: eq(pools.id, id) }))!) })
  })
  .delete('/pools/:id', validate('param', IdParam), async (c) => {
    const { id } = c.req.valid('param')
    const [rule] = await c.var.db.select({ id: routingRules.id }).from(routingRules).where(eq(routingRules.poolId, id)).limit(1)
    if (rule) throw new ApiError(409, 'conflict', 'Routing rules still send leads to this pool')
    const [res] = await c.var.db.batch([c.var.db.delete(pools).where(eq(pools.id, id)), c.var.db.delete(poolMembers).where(eq(poolMembers.poolId, id))])
    if (!res.meta.changes) throw notFound('pool')
    return c.body(null, 204)
  })
  // Routing rules (ordered by position, first match wins)
  .get('/routing-rules', async (c) => c.json({ rules: await c.var.db.select().from(routingRules).orderBy(asc(routingRules.position), asc(routingRules.id)) }))
  .post('/routing-rules', validate('json', RoutingRuleInput), async (c) => {
    const input = c.req.valid('json')
    await checkRefs(c.var.db, [{ table: 'pools', id: input.poolId, path: 'poolId' }])
    const [row] = await c.var.db.insert(routingRules).values({ id: newId('rule'), ...input }).returning()
    return c.json({ rule: row }, 201)
  })
  .get('/routing-rules/:id', validate('param', IdParam), async (c) => {
    const row = await c.var.db.query.routingRules.findFirst({ where: eq(routingRules.id, c.req.valid('param').id) })
    if (!row) throw notFound('routing rule')
    return c.json({ rule: row })
  })
  .put('/routing-rules/:id', validate('param', IdParam), validate('json', RoutingRuleInput), async (c) => {
    const input = c.req.valid('json')
    await checkRefs(c.var.db, [{ table: 'pools', id: input.poolId, path: 'poolId' }])
    const [row] = await c.var.db.update(routingRules).set(input).where(eq(routingRules.id, c.req.valid('param').id)).returning()
    if (!row) throw notFound('routing rule')
    return c.json({ rule: row })
  })
  .delete('/routing-rules/:id', validate('param', IdParam), async (c) => {
    const res = await c.var.db.delete(routingRules).where(eq(routingRules.id, c.req.valid('param').id)).run()
    if (!res.meta.changes) throw notFound('routing rule')
    return c.body(null, 204)
  })
  // Named accounts (bulk import: domain → owner)
  .get('/accounts', async (c) => c.json({ accounts: await c.var.db.select().from(accounts).orderBy(asc(accounts.domain)).limit(5000) }))
  .post('/accounts', validate('json', AccountsImport), async (c) => {
    const { accounts: list } = c.req.valid('json')
    const owners = [...new Set(list.map((a) => a.ownerRepId))]
    const known = new Set((await c.var.db.select({ id: reps.id }).from(reps).where(inArray(reps.id, owners))).map((r) => r.id))
    const issues = list.flatMap((a, i) => (known.has(a.ownerRepId) ? [] : [{ path: `accounts.${i}.ownerRepId`, message: 'No rep with this id' }]))
    if (issues.length) throw invalid(issues)
    // Last one wins for a domain listed twice; chunks keep each statement under D1's bound-parameter limit.
    const byDomain = new Map(list.map((a) => [a.domain, a]))
    const rows = [...byDomain.values()]
    const stmts = []
    for (let i = 0; i < rows.length; i += 25) {
      stmts.push(
        c.var.db
          .insert(accounts)
          .values(rows.slice(i, i + 25))
          .onConflictDoUpdate({ target: accounts.domain, set: { name: sql`excluded.name`, ownerRepId: sql`excluded.owner_rep_id` } }),
      )
    }
    await c.var.db.batch(stmts as [(typeof stmts)[number], ...typeof stmts])
    return c.json({ imported: rows.length })
  })
  .delete('/accounts/:domain', validate('param', z.object({ domain: z.string().min(1).max(253) })), async (c) => {
    const res = await c.var.db.delete(accounts).where(eq(accounts.domain, c.req.valid('param').domain.toLowerCase())).run()
    if (!res.meta.changes) throw new ApiError(404, 'not_found', 'No account with this domain')
    return c.body(null, 204)
  })
  // SLA policies (ordered by position, first match wins)
  .get('/sla-policies', async (c) => c.json({ policies: (await c.var.db.select().from(slaPolicies).orderBy(asc(slaPolicies.position), asc(slaPolicies.id))).map(policyOut) }))
  .post('/sla-policies', validate('json', SlaPolicyInput), async (c) => {
    const { match, ...rest } = c.req.valid('json')
    const [row] = await c.var.db.insert(slaPolicies).values({ id: newId('sla'), ...rest, conditions: match }).returning()
    return c.json({ policy: policyOut(row!) }, 201)
  })
  .get('/sla-policies/:id', validate('param', IdParam), async (c) => {
    const row = await c.var.db.query.slaPolicies.findFirst({ where: eq(slaPolicies.id, c.req.valid('param').id) })
    if (!row) throw notFound('SLA policy')
    return c.json({ policy: policyOut(row) })
  })
  // Running clocks keep the plan they started with; the new version applies to clocks started from now on.
  .put('/sla-policies/:id', validate('param', IdParam), validate('json', SlaPolicyInput), async (c) => {
    const { match, ...rest } = c.req.valid('json')
    const [row] = await c.var.db.update(slaPolicies).set({ ...rest, conditions: match }).where(eq(slaPolicies.id, c.req.valid('param').id)).returning()
    if (!row) throw notFound('SLA policy')
    return c.json({ policy: policyOut(row) })
  })
  .delete('/sla-policies/:id', validate('param', IdParam), async (c) => {
    const res = await c.var.db.delete(slaPolicies).where(eq(slaPolicies.id, c.req.valid('param').id)).run()
    if (!res.meta.changes) throw notFound('SLA policy')
    return c.body(null, 204)
  })
  // Alert channels (secrets are write-only)
  .get('/channels', async (c) => c.json({ channels: (await c.var.db.select().from(channels).orderBy(asc(channels.name))).map(channelOut) }))
  .post('/channels', validate('json', ChannelInput), async (c) => {
    const [row] = await c.var.db.insert(channels).values({ id: newId('chn'), ...c.req.valid('json') }).returning()
    return c.json({ channel: channelOut(row!) }, 201)
  })
  .get('/channels/:id', validate('param', IdParam), async (c) => {
    const row = await c.var.db.query.channels.findFirst({ where: eq(channels.id, c.req.valid('param').id) })
    if (!row) throw notFound('channel')
    return c.json({ channel: channelOut(row) })
  })
  .put('/channels/:id', validate('param', IdParam), validate('json', ChannelInput), async (c) => {
    const [row] = await c.var.db.update(channels).set(c.req.valid('json')).where(eq(channels.id, c.req.valid('param').id)).returning()
    if (!row) throw notFound('channel')
    return c.json({ channel: channelOut(row) })
  })
  .delete('/channels/:id', validate('param', IdParam), async (c) => {
    const res = await c.var.db.delete(channels).where(eq(channels.id, c.req.valid('param').id)).run()
    if (!res.meta.changes) throw notFound('channel')
    return c.body(null, 204)
  })
  // The managers' channel: escalations and "nobody could take this lead"
  .get('/settings/managers-channel', async (c) => c.json({ channelId: await getManagersChannelId(c.var.db) }))
  .put('/settings/managers-channel', validate('json', ManagersChannelInput), async (c) => {
    const { channelId } = c.req.valid('json')
    await checkRefs(c.var.db, [{ table: 'channels', id: channelId, path: 'channelId' }])
    await setManagersChannelId(c.var.db, channelId)
    return c.json({ channelId })
  })
