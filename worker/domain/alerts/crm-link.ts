/**
 * The lead's CRM record page, added to an alert payload at send time: the org's CRM hosts may be configured
 * after the alert was queued, and a link is not a fact a retry must repeat.
 * @module
 */
import { firstCrmRecordUrl } from '../../../shared/urls'
import { crmRefsOf, getCrmHosts } from '../../db/queries/crm-hosts'
import type { DomainCtx } from '../context'
import type { AlertPayload } from './payload'

const hostsCache = new WeakMap<DomainCtx, ReturnType<typeof getCrmHosts>>()
/** The CRM hosts are read once per tick (ctx), not once per alert. */
const hostsOf = (ctx: DomainCtx) => {
  let hosts = hostsCache.get(ctx)
  if (!hosts) hostsCache.set(ctx, (hosts = getCrmHosts(ctx.db)))
  return hosts
}

/**
 * `p` with `lead.crm` set to the lead's first openable CRM record (Salesforce, HubSpot, Pipedrive), or null.
 * Costs nothing more when no CRM host is configured.
 * @example const payload = await withCrmLink(ctx, row.payload as AlertPayload)
 */
export const withCrmLink = async (ctx: DomainCtx, p: AlertPayload): Promise<AlertPayload> => {
  const hosts = await hostsOf(ctx)
  if (!hosts.salesforceHost && !hosts.hubspotPortalId && !hosts.pipedriveDomain) return p
  const crm = firstCrmRecordUrl(await crmRefsOf(ctx.db, p.lead.id), hosts)
  return { ...p, lead: { ...p.lead, crm } }
}
