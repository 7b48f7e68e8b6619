/**
 * POST /v1/admin/import: CSV import (owner: intake).
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'

export const adminImportRoutes = new Hono<AppEnv>()
