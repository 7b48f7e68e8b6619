/**
 * /v1/admin/alerts: the outbox (pending, sent, failed) and manual retries (admin only).
 * @module
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { AlertsQuery } from '../../shared/schemas/admin'
import type { AppEnv } from '../app-env'
import { type AlertRow, listAlerts } from '../db/queries/alerts'
import { retryAlert } from '../domain/alerts/manual-retry'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

const alertOut = (a: AlertRow) => ({
  id: a.id,
  leadId: a.leadId,
  assignmentId: a.assignmentId,
  milestone: a.milestone,
  recipient: a.recipient,
  channelId: a.channelId,
  state: a.state,
  attempts: a.attempts,
  nextAttemptAt: iso(a.nextAttemptAt),
  lastError: a.lastError,
  createdAt: iso(a.createdAt),
  sentAt: iso(a.sentAt),
  payload: a.payload,
})

export const adminAlertRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', validate('query', AlertsQuery), async (c) =>
    c.json({ alerts: (await listAlerts(c.var.db, c.req.valid('query'))).map(alertOut) }),
  )
  // Puts an alert back in the queue with a fresh attempt budget and tries it at once.
  .post('/:id/retry', validate('param', z.object({ id: z.string().min(1).max(100) })), async (c) => {
    const { id } = c.req.valid('param')
    // Awaited (no waitUntil): the admin sees the outcome of the attempt in the answer.
    const after = await retryAlert({ db: c.var.db, env: c.env, now: Date.now(), actor: c.var.principal.name }, id)
    return c.json({ alert: alertOut(after) })
  })
