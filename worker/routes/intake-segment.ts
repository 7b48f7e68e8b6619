/**
 * POST /v1/intake/segment: Segment Spec payloads (owner: intake).
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'

export const segmentRoutes = new Hono<AppEnv>()
