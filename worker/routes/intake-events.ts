/**
 * POST /v1/events: batches of engagement events (owner: intake).
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'

export const intakeEventRoutes = new Hono<AppEnv>()
