/**
 * GET /v1/me, /v1/me/queue?view=to_contact|follow_up|closed_today (owner: brief).
 * @module
 */
import { Hono } from 'hono'
import type { Me } from '../../shared/schemas/auth'
import { QueueQuery } from '../../shared/schemas/lead'
import type { AppEnv } from '../app-env'
import { getRep } from '../db/queries/reps'
import { repQueue } from '../domain/queue'
import { ApiError } from '../errors'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'

export const meRoutes = new Hono<AppEnv>()
  .get('/', requireRole('admin', 'manager', 'rep', 'intake'), async (c) => {
    const p = c.var.principal
    const rep = p.repId ? await getRep(c.var.db, p.repId) : undefined
    const me: Me = {
      role: p.role,
      name: p.name,
      rep: rep ? { id: rep.id, name: rep.name, email: rep.email, timeZone: rep.timeZone } : null,
    }
    return c.json(me)
  })
  .get('/queue', requireRole('rep', 'manager'), validate('query', QueueQuery), async (c) => {
    const repId = c.var.principal.repId
    if (!repId) throw new ApiError(403, 'forbidden', 'This token belongs to no rep')
    return c.json(await repQueue(c.var.db, repId, Date.now(), c.req.valid('query').view))
  })
