/**
 * POST /v1/leads: create or update a lead (owner: intake).
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'

export const intakeLeadRoutes = new Hono<AppEnv>()
