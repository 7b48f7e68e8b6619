/**
 * `POST /v1/events`: batches of engagement events (intake, admin). Items are validated one by one; a bad
 * event is reported by index and does not reject the batch.
 * @module
 */
import { Hono } from 'hono'
import { toIssues } from '../../shared/schemas/errors'
import { type EventInput, EventInput as EventSchema, EventsBatch } from '../../shared/schemas/lead'
import type { IntakeBatchResult } from '../../shared/schemas/intake'
import type { AppEnv } from '../app-env'
import { domainCtx } from '../lib/domain-ctx'
import { ingestEvents } from '../domain/intake/ingest-events'
import { requireRole } from '../middleware/auth'
import { intakeRateLimit } from '../middleware/rate-limit'
import { validate } from '../middleware/validate'

export const intakeEventRoutes = new Hono<AppEnv>().post(
  '/',
  requireRole('intake', 'admin'),
  intakeRateLimit,
  validate('json', EventsBatch),
  async (c) => {
    const { events } = c.req.valid('json')
    const rejected: IntakeBatchResult['rejected'] = []
    const valid: EventInput[] = []
    const indexOf: number[] = []
    events.forEach((raw, index) => {
      const parsed = EventSchema.safeParse(raw)
      if (parsed.success) {
        valid.push(parsed.data)
        indexOf.push(index)
      } else rejected.push({ index, issues: toIssues(parsed.error.issues) })
    })
    let accepted = 0
    let duplicates = 0
    if (valid.length > 0) {
      const result = await ingestEvents(domainCtx(c), valid)
      accepted = result.accepted
      duplicates = result.duplicates
      result.outcomes.forEach((o, i) => {
        if (o.status === 'rejected') rejected.push({ index: indexOf[i]!, issues: o.issues })
      })
    }
    rejected.sort((a, b) => a.index - b.index)
    return c.json({ accepted, duplicates, rejected } satisfies IntakeBatchResult, 202)
  },
)
