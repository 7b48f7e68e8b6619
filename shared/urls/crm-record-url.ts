/**
 * Record-page URLs of a lead's CRM records, built from the organisation's CRM hosts: the link an alert's
 * button opens. The formats are the ones `crmRecordFromUrl` reads back (the extension's page detection):
 * - Salesforce Lightning: `https://<My Domain host>/lightning/r/<Lead|Contact>/<18-char id>/view`
 *   (Lightning's record page route, `/lightning/r/{objectApiName}/{recordId}/view`);
 * - HubSpot: `https://app.hubspot.com/contacts/<Hub ID>/record/0-1/<contact id>` (`0-1` is HubSpot's
 *   object type id of contacts);
 * - Pipedrive: `https://<company>.pipedrive.com/person/<person id>`.
 * @module
 */
import type { CrmSystem } from '../schemas/lead'
import type { CrmHosts } from '../schemas/crm-hosts'
import { normalizeCrmId } from './crm'

/** Salesforce key prefixes of the person objects the extension works beside: 00Q Lead, 003 Contact. */
const SALESFORCE_OBJECT: Record<string, string> = { '00Q': 'Lead', '003': 'Contact' }

/**
 * The record page of `system:id` on the org's CRM, or null when that CRM's host is not configured or the id
 * is not a valid id of that system (so a bad value never becomes a link).
 * @example crmRecordUrl({ system: 'pipedrive', id: '42' }, { ...hosts, pipedriveDomain: 'acme' })
 * // 'https://acme.pipedrive.com/person/42'
 */
export const crmRecordUrl = (ref: { system: CrmSystem; id: string }, hosts: CrmHosts): string | null => {
  const id = normalizeCrmId(ref.system, ref.id)
  if (id === null) return null
  if (ref.system === 'salesforce') {
    if (!hosts.salesforceHost) return null
    // An id of another object still opens: Lightning resolves `/lightning/r/<id>/view` by its prefix.
    const object = SALESFORCE_OBJECT[id.slice(0, 3)]
    return `https://${hosts.salesforceHost}/lightning/r/${object ? `${object}/` : ''}${id}/view`
  }
  if (ref.system === 'hubspot') {
    if (!hosts.hubspotPortalId) return null
    return `https://${hosts.hubspotHost ?? 'app.hubspot.com'}/contacts/${hosts.hubspotPortalId}/record/0-1/${id}`
  }
  return hosts.pipedriveDomain ? `https://${hosts.pipedriveDomain}.pipedrive.com/person/${id}` : null
}

/** The order in which a lead's CRM records are preferred when it has several. */
const PREFERENCE: readonly CrmSystem[] = ['salesforce', 'hubspot', 'pipedrive']

/**
 * The first openable record page among a lead's CRM refs (Salesforce, then HubSpot, then Pipedrive), with
 * the system it belongs to; null when none is.
 * @example firstCrmRecordUrl([{ system: 'hubspot', id: '7' }], { ...hosts, hubspotPortalId: '99' })
 * // { system: 'hubspot', url: 'https://app.hubspot.com/contacts/99/record/0-1/7' }
 */
export const firstCrmRecordUrl = (
  refs: ReadonlyArray<{ system: CrmSystem; id: string }>,
  hosts: CrmHosts,
): { system: CrmSystem; url: string } | null => {
  for (const system of PREFERENCE)
    for (const ref of refs) {
      if (ref.system !== system) continue
      const url = crmRecordUrl(ref, hosts)
      if (url) return { system, url }
    }
  return null
}
