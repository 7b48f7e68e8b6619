/**
 * `POST /v1/intake/segment`: Segment Spec payloads (intake, admin). One message (`identify`, `track`, `page`,
 * `group`) or `{ batch: [...] }` (at most 500). A single message that cannot be used answers 422; in a batch,
 * bad items are reported by index and the rest is stored. Answers 202 `{ accepted, duplicates, rejected }`.
 * @module
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { SegmentBatch } from '../../shared/schemas/intake'
import type { AppEnv } from '../app-env'
import { domainCtx } from '../lib/domain-ctx'
import { ingestSegment } from '../domain/intake/segment'
import { ApiError, validationError } from '../errors'
import { requireRole } from '../middleware/auth'
import { intakeRateLimit } from '../middleware/rate-limit'
import { validate } from '../middleware/validate'

const Body = z.record(z.string(), z.unknown())

export const segmentRoutes = new Hono<AppEnv>().post(
  '/',
  requireRole('intake', 'admin'),
  intakeRateLimit,
  validate('json', Body),
  async (c) => {
    const body = c.req.valid('json')
    const isBatch = 'batch' in body
    let items: unknown[]
    if (isBatch) {
      const parsed = SegmentBatch.safeParse(body)
      if (!parsed.success) throw validationError(parsed.error)
      items = parsed.data.batch
    } else items = [body]
    const result = await ingestSegment(domainCtx(c), items)
    if (!isBatch && result.rejected.length > 0) {
      throw new ApiError(422, 'validation_failed', 'The message could not be used', result.rejected[0]!.issues)
    }
    return c.json(result, 202)
  },
)
