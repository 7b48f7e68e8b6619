/**
 * One signed webhook request, end to end: verify it the way its system signs it (before reading anything),
 * read it into deliveries, skip those already applied (the sender's retries), apply the rest, remember them.
 * @module
 */
import type { SourceSettings, WebhookKind } from '../../../shared/schemas/sources'
import { normalizeSalesforceId } from '../../../shared/urls/crm'
import { recordDeliveries, seenDeliveries, type SourceRow } from '../../db/queries/sources'
import { sha256Hex } from '../../lib/crypto'
import type { DomainCtx } from '../context'
import { unverified } from '../errors'
import { systemName } from '../system-names'
import { applyChanges } from './apply'
import type { Delivery } from './changes'
import { readCalendly } from './readers/calendly'
import { readHubSpot } from './readers/hubspot'
import { readPipedrive } from './readers/pipedrive'
import { readSalesforce } from './readers/salesforce'
import { readTypeform } from './readers/typeform'
import { basicCredentials, calendly, hubspotV3, safeEqual, typeform } from './verify'

export type WebhookRequest = {
  method: string
  /** The full URL as received (HubSpot signs it). */
  url: string
  body: string
  header: (name: string) => string | undefined
  /** The secret segment of a Salesforce source's path. */
  pathSecret?: string
}

export type WebhookResult = { kind: WebhookKind; deliveries: number; applied: number; replays: number }

const verify = async (kind: WebhookKind, source: SourceRow, req: WebhookRequest, now: number) => {
  const secret = source.secret ?? ''
  switch (kind) {
    case 'hubspot':
      return hubspotV3({
        secret,
        method: req.method,
        uri: req.url,
        body: req.body,
        timestamp: req.header('X-HubSpot-Request-Timestamp'),
        signature: req.header('X-HubSpot-Signature-v3'),
        now,
      })
    case 'calendly':
      return calendly({ secret, header: req.header('Calendly-Webhook-Signature'), body: req.body, now })
    case 'typeform':
      return typeform({ secret, header: req.header('Typeform-Signature'), body: req.body })
    case 'pipedrive': {
      const creds = basicCredentials(req.header('Authorization'))
      const settings = source.settings as SourceSettings
      if (!creds || !settings.username || !source.secretHash) return false
      const userOk = safeEqual(creds.username, settings.username)
      return safeEqual(await sha256Hex(creds.password), source.secretHash) && userOk
    }
    case 'salesforce':
      return !!req.pathSecret && !!source.secretHash && safeEqual(await sha256Hex(req.pathSecret), source.secretHash)
  }
}

const read = (kind: WebhookKind, source: SourceRow, body: string, now: number, digest: string): Delivery[] => {
  const settings = source.settings as SourceSettings
  switch (kind) {
    case 'hubspot':
      return readHubSpot(body, { now, digest })
    case 'pipedrive':
      return readPipedrive(body, { now })
    case 'typeform':
      return readTypeform(body, { now, fieldMap: settings.fieldMap ?? {} })
    case 'calendly':
      return readCalendly(body, { now })
    case 'salesforce': {
      const { organizationId, deliveries } = readSalesforce(body, { now })
      // The organization is part of the credential: a message from another org is refused like a bad signature.
      const expected = normalizeSalesforceId(settings.organizationId ?? '')
      if (!organizationId || !expected || organizationId !== expected)
        throw unverified('The Outbound Message comes from another Salesforce organization')
      return deliveries
    }
  }
}

/**
 * Verifies and applies one webhook request for a source. Throws `unverified` (401) before reading anything
 * when the signature, credentials, window or organization do not match; a replay is counted, not applied.
 * @example const result = await receiveWebhook(ctx, source, { method: 'POST', url, body, header: (n) => c.req.header(n) })
 */
export const receiveWebhook = async (
  ctx: DomainCtx,
  source: SourceRow,
  req: WebhookRequest,
): Promise<WebhookResult> => {
  const kind = source.kind as WebhookKind
  if (!(await verify(kind, source, req, ctx.now)))
    throw unverified(`The request does not carry a valid ${systemName(kind)} signature for this source`)
  const deliveries = read(kind, source, req.body, ctx.now, await sha256Hex(req.body))
  const ids = [...new Set(deliveries.map((d) => d.id))]
  const seen = await seenDeliveries(ctx.db, source.key, ids)
  const fresh: Delivery[] = []
  const taken = new Set(seen)
  for (const d of deliveries) {
    if (taken.has(d.id)) continue
    taken.add(d.id)
    fresh.push(d)
  }
  if (fresh.length > 0) {
    const settings = source.settings as SourceSettings
    await applyChanges(
      ctx,
      { kind, name: source.name, campaign: source.campaign, ownerPolicy: settings.ownerPolicy ?? 'keep' },
      fresh.flatMap((d) => d.changes),
    )
    await recordDeliveries(
      ctx.db,
      source.key,
      fresh.map((d) => d.id),
      ctx.now,
    )
  }
  return { kind, deliveries: deliveries.length, applied: fresh.length, replays: deliveries.length - fresh.length }
}
