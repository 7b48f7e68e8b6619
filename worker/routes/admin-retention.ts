/**
 * GET/PUT /v1/admin/retention (admin): how long idempotency keys, delivered alerts and raw events are kept.
 * @module
 */
import { Hono } from 'hono'
import { RetentionSettings } from '../../shared/schemas/retention'
import type { AppEnv } from '../app-env'
import { putSetting } from '../db/queries/settings'
import { RETENTION_KEY, retentionSettings } from '../domain/retention'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'

export const adminRetentionRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => c.json(await retentionSettings(c.var.db)))
  .put('/', validate('json', RetentionSettings), async (c) => {
    const value = c.req.valid('json')
    await putSetting(c.var.db, RETENTION_KEY, value)
    return c.json(value)
  })
