/**
 * The sites the overlay runs on, and which lead a page is about: from the URL first (the shared
 * parser), then from the page's data-described fallback. Any other page: null, and nothing happens.
 * @module
 */
import { MatchPattern } from 'wxt/utils/match-patterns'
import { crmRecordFromUrl, formatCrmRef } from '../../shared/urls/crm'
import { linkedInSlug } from '../../shared/urls/linkedin'
import type { LeadIdentity } from '../messaging'
import { demoLinkedin } from './demo'
import { hubspot } from './hubspot'
import { linkedin } from './linkedin'
import { pipedrive } from './pipedrive'
import { salesforce } from './salesforce'
import type { Site } from './types'

export type { Site } from './types'

/** Builds for the demo and the tests also run on the local worker's demo pages (`extension/sites/demo.ts`). */
const DEMO_BUILD = import.meta.env.MODE === 'demo' || import.meta.env.MODE === 'e2e'

export const sites: readonly Site[] = [linkedin, salesforce, hubspot, pipedrive, ...(DEMO_BUILD ? [demoLinkedin] : [])]

/** The content script's `matches`, derived from the site files. */
export const matches: string[] = sites.flatMap((s) => s.matches)

const patterns = sites.map((site) => ({ site, patterns: site.matches.map((m) => new MatchPattern(m)) }))

/**
 * @example siteForUrl('https://acme.pipedrive.com/person/42')?.id // 'pipedrive'
 */
export const siteForUrl = (url: string): Site | null => {
  try {
    return patterns.find((p) => p.patterns.some((m) => m.includes(url)))?.site ?? null
  } catch {
    return null
  }
}

/**
 * `identifyPage` of `shared/urls/page.ts`, composed from the same parsers: that module also defines zod
 * schemas, and importing it would put zod (~100 KB) into the content script. A table test keeps the
 * two equal.
 */
export const identifyFromUrl = (url: string): LeadIdentity | null => {
  if (!/^https?:\/\//i.test(url.trim())) return null
  const slug = linkedInSlug(url)
  if (slug !== null) return { site: 'linkedin', lookup: { linkedin: slug } }
  const record = crmRecordFromUrl(url)
  return record ? { site: record.system, lookup: { crm: formatCrmRef(record) } } : null
}

const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,255}$/

/** The distinct addresses of `mailto:` links (query and case stripped). */
export const mailtoEmails = (root: ParentNode, selector: string): string[] => {
  const found = new Set<string>()
  for (const a of Array.from(root.querySelectorAll<HTMLAnchorElement>(selector)).slice(0, 50)) {
    const raw = (a.getAttribute('href') ?? '').replace(/^mailto:/i, '').split('?')[0] ?? ''
    let email: string
    try {
      email = decodeURIComponent(raw).trim().toLowerCase()
    } catch {
      continue
    }
    if (EMAIL.test(email)) found.add(email)
  }
  return [...found]
}

/**
 * The lead a page is about, or null. Page fallback only on the site's record paths, and only when
 * exactly one distinct email is linked (a list page with many people names nobody).
 * @example identify('https://www.linkedin.com/in/jane-doe/', document) // { site: 'linkedin', lookup: { linkedin: 'jane-doe' } }
 */
export const identify = (url: string, root: ParentNode): LeadIdentity | null => {
  const site = siteForUrl(url)
  if (!site) return null
  const demoSlug = site.slugPath?.exec(new URL(url).pathname)?.[1]
  const slug = demoSlug ? linkedInSlug(demoSlug) : null
  if (slug) return { site: site.id, lookup: { linkedin: slug } }
  const fromUrl = identifyFromUrl(url)
  const onRecord = !!site.fallback && site.fallback.path.test(new URL(url).pathname)
  const emails = onRecord ? mailtoEmails(root, site.fallback!.selector) : []
  const email = emails.length === 1 ? emails[0]! : null
  if (fromUrl) {
    // A CRM id Handoff may not know yet: the record's email is the fallback, and heals the id on the server.
    if (email && 'crm' in fromUrl.lookup) return { ...fromUrl, lookup: { crm: fromUrl.lookup.crm, email } }
    return fromUrl
  }
  return email ? { site: site.id, lookup: { email } } : null
}

/** Whether the page could name a lead once it has rendered (worth waiting for the fallback). */
export const mayIdentifyLater = (url: string): boolean => {
  const site = siteForUrl(url)
  if (!site?.fallback) return false
  try {
    return site.fallback.path.test(new URL(url).pathname)
  } catch {
    return false
  }
}
