/**
 * `POST /v1/admin/demo/seed` (admin): fills an empty database with the demo organisation and a 90-day
 * history (see `worker/domain/demo/seed.ts`). Only when `DEMO_MODE` is `"true"` (set by `npm start` in
 * `.dev.vars`); answers `{ seeded: false }` when the database already has leads.
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { countLeads } from '../db/queries/leads'
import { seedDemo } from '../domain/demo/seed'
import { ApiError } from '../errors'
import { requireRole } from '../middleware/auth'

export const adminDemoRoutes = new Hono<AppEnv>().post('/seed', requireRole('admin'), async (c) => {
  if (c.env.DEMO_MODE !== 'true') throw new ApiError(404, 'not_found', 'Demo mode is off')
  if ((await countLeads(c.var.db)) > 0) return c.json({ seeded: false })
  return c.json(await seedDemo({ db: c.var.db, env: c.env, now: Date.now(), actor: 'demo' }), 201)
})
