/**
 * `POST /v1/leads`: create or update a lead by normalized email (intake, admin). `Idempotency-Key` repeats the
 * first response (see docs/api.md).
 * @module
 */
import { Hono } from 'hono'
import { LeadInput } from '../../shared/schemas/lead'
import type { AppEnv } from '../app-env'
import { buildBrief } from '../domain/brief'
import { leadForPrincipal } from '../domain/lead-access'
import { ingestLead, IntakeIssues } from '../domain/intake/ingest-leads'
import { storedResponse, storeResponse } from '../db/queries/idempotency'
import { scopedKey } from '../domain/intake/idempotency'
import { ApiError } from '../errors'
import { requireRole } from '../middleware/auth'
import { intakeRateLimit } from '../middleware/rate-limit'
import { validate } from '../middleware/validate'
import { domainCtx } from '../lib/domain-ctx'

// Role checks sit on the route, not on `use()`: this sub-app shares `/v1/leads` with the rep routes.
export const intakeLeadRoutes = new Hono<AppEnv>().post(
  '/',
  requireRole('intake', 'admin'),
  intakeRateLimit,
  async (c, next) => {
    const key = scopedKey(c.var.principal, c.req.header('Idempotency-Key'))
    if (key) {
      const stored = await storedResponse(c.var.db, key)
      if (stored) {
        return c.body(stored.body, stored.status as 200, {
          'Content-Type': 'application/json',
          'Idempotent-Replayed': 'true',
        })
      }
    }
    await next()
  },
  validate('json', LeadInput),
  async (c) => {
    const ctx = domainCtx(c)
    let result
    try {
      result = await ingestLead(ctx, c.req.valid('json'), { source: 'api' })
    } catch (err) {
      if (err instanceof IntakeIssues)
        throw new ApiError(422, 'validation_failed', 'The request did not pass validation', err.issues)
      throw err
    }
    const lead = await buildBrief(ctx.db, result.leadId, ctx.now)
    const status = result.created ? 201 : 200
    const body = JSON.stringify({ lead: lead && leadForPrincipal(c.var.principal, lead) })
    const key = scopedKey(c.var.principal, c.req.header('Idempotency-Key'))
    if (key) await storeResponse(ctx.db, key, status, body, ctx.now)
    return c.body(body, status, { 'Content-Type': 'application/json' })
  },
)
