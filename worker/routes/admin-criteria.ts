/**
 * /v1/admin/criteria: versions, rollback, preview (owner: intake).
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'

export const adminCriteriaRoutes = new Hono<AppEnv>()
