/**
 * `/v1/admin/pools`: round-robin pools and their weighted members (admin only).
 * @module
 */
import { Hono } from 'hono'
import { PoolInput } from '../../shared/schemas/admin'
import type { AppEnv, Db } from '../app-env'
import {
  deletePool,
  insertPool,
  listPoolMembers,
  listPools,
  missingRefs,
  poolInUse,
  replacePool,
} from '../db/queries/config'
import { getPool, type PoolRow } from '../db/queries/pools'
import { conflict, invalidInput, notFound } from '../domain/errors'
import { newId } from '../lib/crypto'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'
import { IdParam } from './params'

const poolOut = async (db: Db, p: PoolRow) => ({
  id: p.id,
  name: p.name,
  respectWorkingHours: p.respectWorkingHours,
  fallbackRepId: p.fallbackRepId,
  members: (await listPoolMembers(db, p.id)).map((m) => ({ repId: m.repId, weight: m.weight })),
  rrState: p.rrState,
  rrVersion: p.rrVersion,
})

const checkRefs = async (db: Db, input: PoolInput) => {
  const issues = await missingRefs(db, [
    { table: 'reps', id: input.fallbackRepId, path: 'fallbackRepId' },
    ...input.members.map((m, i) => ({ table: 'reps' as const, id: m.repId, path: `members.${i}.repId` })),
  ])
  if (issues.length) throw invalidInput(issues)
}

/** Writes the pool; round-robin state of reps who left the pool is dropped. */
const write = (db: Db, id: string, input: PoolInput, rrState: Record<string, number>) => {
  const keep = new Set(input.members.map((m) => m.repId))
  const state = Object.fromEntries(Object.entries(rrState).filter(([repId]) => keep.has(repId)))
  return replacePool(
    db,
    id,
    {
      name: input.name,
      respectWorkingHours: input.respectWorkingHours,
      fallbackRepId: input.fallbackRepId,
      rrState: state,
    },
    input.members.map((m) => ({ repId: m.repId, weight: m.weight ?? null })),
  )
}

export const adminPoolRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) =>
    c.json({ pools: await Promise.all((await listPools(c.var.db)).map((p) => poolOut(c.var.db, p))) }),
  )
  .post('/', validate('json', PoolInput), async (c) => {
    const input = c.req.valid('json')
    await checkRefs(c.var.db, input)
    const id = newId('pool')
    await insertPool(c.var.db, id, input.name)
    await write(c.var.db, id, input, {})
    return c.json({ pool: await poolOut(c.var.db, (await getPool(c.var.db, id))!) }, 201)
  })
  .get('/:id', validate('param', IdParam), async (c) => {
    const row = await getPool(c.var.db, c.req.valid('param').id)
    if (!row) throw notFound('pool')
    return c.json({ pool: await poolOut(c.var.db, row) })
  })
  .put('/:id', validate('param', IdParam), validate('json', PoolInput), async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    const row = await getPool(c.var.db, id)
    if (!row) throw notFound('pool')
    await checkRefs(c.var.db, input)
    await write(c.var.db, id, input, row.rrState as Record<string, number>)
    return c.json({ pool: await poolOut(c.var.db, (await getPool(c.var.db, id))!) })
  })
  .delete('/:id', validate('param', IdParam), async (c) => {
    const { id } = c.req.valid('param')
    if (await poolInUse(c.var.db, id)) throw conflict('Routing rules still send leads to this pool')
    if (!(await deletePool(c.var.db, id))) throw notFound('pool')
    return c.body(null, 204)
  })
