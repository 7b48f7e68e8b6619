/**
 * `/v1/manager/...` (roles `manager`, `admin`): the team board, the managers' queue, lead search and the pools'
 * names (to reassign a lead back to a pool). A lead's page and journey are the lead routes (`GET /v1/leads/:id`,
 * `/:id/journey`), open to managers for every lead.
 * See docs/reports.md.
 * @module
 */
import { Hono } from 'hono'
import { LeadSearchQuery } from '../../shared/schemas/manager'
import type { AppEnv } from '../app-env'
import { poolNames } from '../db/queries/pools'
import { teamBoard } from '../domain/manager/board'
import { managerQueue } from '../domain/manager/queue'
import { searchLeads } from '../domain/manager/search'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'

export const managerRoutes = new Hono<AppEnv>()
  .use(requireRole('manager', 'admin'))
  .get('/board', async (c) => c.json(await teamBoard(c.var.db, Date.now())))
  .get('/queue', async (c) => c.json(await managerQueue(c.var.db, Date.now())))
  .get('/pools', async (c) => c.json({ pools: await poolNames(c.var.db) }))
  .get('/leads', validate('query', LeadSearchQuery), async (c) =>
    c.json(await searchLeads(c.var.db, c.req.valid('query'), Date.now())),
  )
