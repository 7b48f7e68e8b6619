/**
 * POST /v1/intake/form/:sourceKey: plain HTML form posts (owner: intake).
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'

export const formRoutes = new Hono<AppEnv>()
