/**
 * `POST /v1/admin/import` (admin): a CSV of leads (`text/csv`), at most 1 MiB. Answers 200 with
 * `{ accepted, updated, rejected: [{ line, issues }], columns }` (see docs/api.md).
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { importCsv } from '../domain/intake/csv-import'
import { domainCtx } from '../lib/domain-ctx'
import { ApiError } from '../errors'
import { requireRole } from '../middleware/auth'

const CSV_TYPES = /^(text\/csv|application\/csv|text\/plain)$/i

export const adminImportRoutes = new Hono<AppEnv>().post('/', requireRole('admin'), async (c) => {
  const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim()
  if (!CSV_TYPES.test(mediaType)) throw new ApiError(415, 'unsupported_media_type', 'Send the file as text/csv')
  const text = await c.req.text()
  return c.json(await importCsv(domainCtx(c), text), 200)
})
