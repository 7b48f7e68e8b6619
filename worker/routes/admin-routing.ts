/**
 * /v1/admin/reps, calendars, pools, routing-rules, accounts, sla-policies, channels (owner: assignment).
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'

export const adminRoutingRoutes = new Hono<AppEnv>()
