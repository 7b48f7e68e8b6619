/**
 * `POST /v1/webhooks/:sourceId` (and `/:sourceId/:secret` for Salesforce): signed deliveries from the
 * systems marketing and sales already use. No bearer token: each request is verified with its source's own
 * secret before anything is read; failures answer 401 and store nothing. Replays answer 2xx so the sender
 * stops retrying. Salesforce gets the SOAP acknowledgement it waits for.
 * @module
 */
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../app-env'
import { getSource } from '../db/queries/sources'
import { DomainError, notFound } from '../domain/errors'
import { SALESFORCE_ACK } from '../domain/webhooks/readers/salesforce'
import { receiveWebhook } from '../domain/webhooks/receive'
import { domainCtx } from '../lib/domain-ctx'
import { clientIp, spend } from '../middleware/rate-limit'

const receive = async (c: Context<AppEnv>) => {
  const source = await getSource(c.var.db, c.req.param('sourceId')!)
  if (!source || source.kind === 'form' || !source.active) throw notFound('active webhook source')
  const result = await receiveWebhook({ ...domainCtx(c), actor: `${source.kind}:${source.name}` }, source, {
    method: c.req.method,
    url: c.req.url,
    body: await c.req.text(),
    header: (name) => c.req.header(name),
    pathSecret: c.req.param('secret'),
  }).catch(async (err: unknown) => {
    // Forged deliveries count as failed authentication: guessing a secret is as slow here as anywhere.
    if (err instanceof DomainError && err.kind === 'unverified')
      await spend(c.env.AUTH_FAIL_LIMITER, `auth:${clientIp(c)}`)
    throw err
  })
  if (source.kind === 'salesforce') return c.body(SALESFORCE_ACK, 200, { 'Content-Type': 'text/xml; charset=utf-8' })
  return c.json({ ok: true, ...result })
}

export const webhookRoutes = new Hono<AppEnv>().post('/:sourceId', receive).post('/:sourceId/:secret', receive)
