/**
 * Which lead a browser page is about, from its URL alone (never from page markup, which changes):
 * LinkedIn profiles and CRM person records. Everything else is null, so the extension does nothing.
 * @module
 */
import { z } from 'zod'
import { crmRecordFromUrl, formatCrmRef } from './crm'
import { linkedInSlug } from './linkedin'

/** What to look the lead up by: a LinkedIn slug, or a CRM reference `system:id`. */
export const PageLookup = z.union([
  z.object({ linkedin: z.string().min(1).max(300) }).strict(),
  z.object({ crm: z.string().min(1).max(150) }).strict(),
])
export type PageLookup = z.infer<typeof PageLookup>

/** The site a page belongs to and the lookup that finds its lead (validated when sent in messages). */
export const PageIdentity = z.object({
  site: z.enum(['linkedin', 'salesforce', 'hubspot', 'pipedrive']),
  lookup: PageLookup,
})
export type PageIdentity = z.infer<typeof PageIdentity>

/**
 * The identity of a LinkedIn profile page or a Salesforce lead/contact, HubSpot contact or Pipedrive
 * person record page; null for every other page.
 * @example
 * identifyPage('https://www.linkedin.com/in/jane-doe/')
 * // { site: 'linkedin', lookup: { linkedin: 'jane-doe' } }
 * identifyPage('https://app.hubspot.com/contacts/123/record/0-1/456')
 * // { site: 'hubspot', lookup: { crm: 'hubspot:456' } }
 */
export const identifyPage = (url: string): PageIdentity | null => {
  if (typeof url !== 'string') return null
  // Page URLs always carry a scheme; requiring one keeps arbitrary text from being read as a host.
  if (!/^https?:\/\//i.test(url.trim())) return null
  const slug = linkedInSlug(url)
  if (slug !== null) return { site: 'linkedin', lookup: { linkedin: slug } }
  const record = crmRecordFromUrl(url)
  if (record !== null) return { site: record.system, lookup: { crm: formatCrmRef(record) } }
  return null
}

/**
 * The query string of `GET /v1/leads/lookup` for an identity (`linkedin=…` or `crm=…`), encoded by
 * URLSearchParams.
 * @example lookupQueryString({ site: 'salesforce', lookup: { crm: 'salesforce:00Q5e00000AbCdEEAV' } })
 * // 'crm=salesforce%3A00Q5e00000AbCdEEAV'
 */
export const lookupQueryString = (identity: PageIdentity): string => {
  const params = new URLSearchParams()
  if ('linkedin' in identity.lookup) params.set('linkedin', identity.lookup.linkedin)
  else params.set('crm', identity.lookup.crm)
  return params.toString()
}
