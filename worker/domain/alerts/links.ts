/**
 * Where an alert's buttons go: something a browser can show. The lead's CRM record when the org's CRM hosts
 * are configured, else its LinkedIn profile, else Handoff's public "open this lead" page (the extension's own
 * lead page cannot be opened from Slack, Teams or a mail client, and the API answers 401 in a browser).
 * @module
 */
import { linkedInProfileUrl, linkedInSlug } from '../../../shared/urls'
import type { AlertPayload } from './payload'

export type AlertLink = { url: string; label: string }

const SYSTEM_NAMES = { salesforce: 'Salesforce', hubspot: 'HubSpot', pipedrive: 'Pipedrive' } as const

/**
 * Handoff's page for a lead (`${APP_URL}/open/leads/<id>`): public, shows no lead data, and the extension
 * opens its own lead page from it.
 * @example openLeadLink('https://handoff.example/', 'lead_1') // 'https://handoff.example/open/leads/lead_1'
 */
export const openLeadLink = (appUrl: string, leadId: string) =>
  `${appUrl.replace(/\/+$/, '')}/open/leads/${encodeURIComponent(leadId)}`

/**
 * The LinkedIn profile in its canonical `https://www.linkedin.com/in/<slug>/` form, or null: a value that is
 * not a LinkedIn profile (another host, `javascript:`) never becomes a button labelled "LinkedIn".
 */
const linkedIn = (url: string | null | undefined) => {
  if (!url || linkedInSlug(url) === null) return null
  return linkedInProfileUrl(url)
}

/**
 * The alert's main link (CRM record → LinkedIn profile → lead page) and, when that is not the lead page
 * itself, the lead page as a second one.
 * @example alertLinks(payload, 'https://handoff.example').primary.label // 'Open in HubSpot'
 */
export const alertLinks = (p: AlertPayload, appUrl: string): { primary: AlertLink; lead: AlertLink | null } => {
  const lead = { url: openLeadLink(appUrl, p.lead.id), label: 'Open in Handoff' }
  if (p.lead.crm) return { primary: { url: p.lead.crm.url, label: `Open in ${SYSTEM_NAMES[p.lead.crm.system]}` }, lead }
  const profile = linkedIn(p.lead.linkedinUrl)
  if (profile) return { primary: { url: profile, label: 'Open LinkedIn profile' }, lead }
  return { primary: { url: lead.url, label: 'Open lead' }, lead: null }
}
