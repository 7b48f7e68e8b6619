/**
 * `/v1/admin/sla-policies`: ordered SLA policies, first match wins (admin only). Running clocks keep the
 * plan they started with; an edit applies to clocks started from then on.
 * @module
 */
import { Hono } from 'hono'
import { SlaPolicyInput } from '../../shared/schemas/admin'
import type { AppEnv } from '../app-env'
import { deleteSlaPolicy, getSlaPolicy, insertSlaPolicy, listSlaPolicies, updateSlaPolicy } from '../db/queries/config'
import type { slaPolicies } from '../db/schema'
import { notFound } from '../domain/errors'
import { newId } from '../lib/crypto'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'
import { IdParam } from './params'

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

export const adminSlaPolicyRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => c.json({ policies: (await listSlaPolicies(c.var.db)).map(policyOut) }))
  .post('/', validate('json', SlaPolicyInput), async (c) => {
    const { match, ...rest } = c.req.valid('json')
    return c.json(
      { policy: policyOut(await insertSlaPolicy(c.var.db, { id: newId('sla'), ...rest, conditions: match })) },
      201,
    )
  })
  .get('/:id', validate('param', IdParam), async (c) => {
    const row = await getSlaPolicy(c.var.db, c.req.valid('param').id)
    if (!row) throw notFound('SLA policy')
    return c.json({ policy: policyOut(row) })
  })
  .put('/:id', validate('param', IdParam), validate('json', SlaPolicyInput), async (c) => {
    const { match, ...rest } = c.req.valid('json')
    const row = await updateSlaPolicy(c.var.db, c.req.valid('param').id, { ...rest, conditions: match })
    if (!row) throw notFound('SLA policy')
    return c.json({ policy: policyOut(row) })
  })
  .delete('/:id', validate('param', IdParam), async (c) => {
    if (!(await deleteSlaPolicy(c.var.db, c.req.valid('param').id))) throw notFound('SLA policy')
    return c.body(null, 204)
  })
