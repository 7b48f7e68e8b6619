/**
 * /v1/reports/...: speed to lead, SLA compliance, funnel (owner: brief).
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'

export const reportRoutes = new Hono<AppEnv>()
