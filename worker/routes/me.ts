/**
 * GET /v1/me, /v1/me/queue (owner: brief).
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'

export const meRoutes = new Hono<AppEnv>()
