/**
 * GET /v1/leads/lookup, /:id, /:id/journey, POST /:id/touch, /:id/disposition (owner: brief).
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'

export const leadRoutes = new Hono<AppEnv>()
