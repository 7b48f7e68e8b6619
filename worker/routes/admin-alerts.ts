/**
 * /v1/admin/alerts: the outbox, failed alerts and retries (owner: assignment).
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'

export const adminAlertRoutes = new Hono<AppEnv>()
