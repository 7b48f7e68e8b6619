/**
 * `/v1/admin/routing-rules`: ordered rules, first match wins, each sending leads to a pool (admin only).
 * @module
 */
import { Hono } from 'hono'
import { RoutingRuleInput } from '../../shared/schemas/admin'
import type { AppEnv, Db } from '../app-env'
import {
  deleteRoutingRule,
  getRoutingRule,
  insertRoutingRule,
  listRoutingRules,
  missingRefs,
  updateRoutingRule,
} from '../db/queries/config'
import { invalidInput, notFound } from '../domain/errors'
import { newId } from '../lib/crypto'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'
import { IdParam } from './params'

const checkPool = async (db: Db, poolId: string | null) => {
  const issues = await missingRefs(db, [{ table: 'pools', id: poolId, path: 'poolId' }])
  if (issues.length) throw invalidInput(issues)
}

export const adminRoutingRuleRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => c.json({ rules: await listRoutingRules(c.var.db) }))
  .post('/', validate('json', RoutingRuleInput), async (c) => {
    const input = c.req.valid('json')
    await checkPool(c.var.db, input.poolId)
    return c.json({ rule: await insertRoutingRule(c.var.db, { id: newId('rule'), ...input }) }, 201)
  })
  .get('/:id', validate('param', IdParam), async (c) => {
    const row = await getRoutingRule(c.var.db, c.req.valid('param').id)
    if (!row) throw notFound('routing rule')
    return c.json({ rule: row })
  })
  .put('/:id', validate('param', IdParam), validate('json', RoutingRuleInput), async (c) => {
    const input = c.req.valid('json')
    await checkPool(c.var.db, input.poolId)
    const row = await updateRoutingRule(c.var.db, c.req.valid('param').id, input)
    if (!row) throw notFound('routing rule')
    return c.json({ rule: row })
  })
  .delete('/:id', validate('param', IdParam), async (c) => {
    if (!(await deleteRoutingRule(c.var.db, c.req.valid('param').id))) throw notFound('routing rule')
    return c.body(null, 204)
  })
