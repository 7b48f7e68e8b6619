/**
 * /v1/admin/alerts: the outbox (pending, sent, failed) and manual retries (admin only).
 * @module
 */
import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { z } from 'zod'
import { AlertsQuery } from '../../shared/schemas/admin'
import type { AppEnv } from '../app-env'
import { type AlertRow, listAlerts, requeueAlert } from '../db/queries/alerts'
import { alerts } from '../db/schema'
import { deliverSoon } from '../domain/alerts/deliver'
import { ApiError } from '../errors'
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
    const row = await c.var.db.query.alerts.findFirst({ where: eq(alerts.id, id) })
    if (!row) throw new ApiError(404, 'not_found', 'No alert with this id')
    if (row.state === 'sent') throw new ApiError(409, 'conflict', 'This alert was already sent')
    if (row.state === 'sending') throw new ApiError(409, 'conflict', 'This alert is being sent')
    const now = Date.now()
    await requeueAlert(c.var.db, id, now)
    // Awaited (no waitUntil): the admin sees the outcome of the attempt in the answer.
    await deliverSoon({ db: c.var.db, env: c.env, now, actor: c.var.principal.name }, [id])
    const after = await c.var.db.query.alerts.findFirst({ where: eq(alerts.id, id) })
    return c.json({ alert: alertOut(after!) })
  })
