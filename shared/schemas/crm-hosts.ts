/**
 * Where the organisation's CRMs live, so a lead's CRM id can become a link a browser opens
 * (`GET/PUT /v1/admin/settings/crm-hosts`). Each system is optional: an unset one gets no links.
 * @module
 */
import { z } from 'zod'

const host = (pattern: RegExp, message: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .max(253)
    // Accept a pasted URL ("https://acme.my.salesforce.com/") as well as a bare host name.
    .transform((s) => s.replace(/^https:\/\//, '').replace(/\/.*$/, ''))
    .pipe(z.string().regex(pattern, message))

/**
 * The CRM hosts. `salesforceHost`: the org's My Domain (`acme.my.salesforce.com`) or Lightning host
 * (`acme.lightning.force.com`); `hubspotPortalId`: the account's Hub ID, with `hubspotHost` for accounts in
 * other data centres (`app-eu1.hubspot.com`); `pipedriveDomain`: the company domain (`acme` of
 * `acme.pipedrive.com`).
 * @example CrmHosts.parse({ salesforceHost: 'acme.my.salesforce.com', hubspotPortalId: '123456' })
 */
export const CrmHosts = z.object({
  salesforceHost: host(
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:force|salesforce)\.com$/,
    'Expected a Salesforce host such as acme.my.salesforce.com',
  )
    .nullable()
    .default(null),
  hubspotPortalId: z
    .string()
    .trim()
    .regex(/^[1-9]\d{0,14}$/, 'Expected the HubSpot Hub ID (digits)')
    .nullable()
    .default(null),
  hubspotHost: host(/^app(?:-[a-z]{2}\d{1,2})?\.hubspot\.com$/, 'Expected app.hubspot.com or app-<region>.hubspot.com')
    .nullable()
    .default(null),
  pipedriveDomain: z
    .string()
    .trim()
    .toLowerCase()
    .transform((s) => s.replace(/^https:\/\//, '').replace(/\.pipedrive\.com\/?.*$/, ''))
    .pipe(z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'Expected the company domain, e.g. acme'))
    .nullable()
    .default(null),
})
export type CrmHosts = z.infer<typeof CrmHosts>
