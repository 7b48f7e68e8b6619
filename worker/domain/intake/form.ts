/**
 * Website form fields (`first_name`, `company`, `utm_source`…) → a lead input. Pure.
 * @module
 */
import type { FlatMap } from '../../../shared/schemas/lead'

// A Map, not an object: a form field named `constructor` or `__proto__` must never find Object.prototype.
const ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    email: 'email',
    email_address: 'email',
    first_name: 'firstName',
    firstname: 'firstName',
    given_name: 'firstName',
    last_name: 'lastName',
    lastname: 'lastName',
    family_name: 'lastName',
    name: 'name',
    full_name: 'name',
    title: 'title',
    job_title: 'title',
    phone: 'phone',
    phone_number: 'phone',
    company: 'company.name',
    company_name: 'company.name',
    organization: 'company.name',
    company_domain: 'company.domain',
    domain: 'company.domain',
    website: 'company.domain',
    industry: 'company.industry',
    employees: 'company.employees',
    company_size: 'company.employees',
    employee_count: 'company.employees',
    country: 'company.country',
    message: 'message',
    comments: 'message',
    linkedin: 'linkedinUrl',
    linkedin_url: 'linkedinUrl',
    source: 'source',
    utm_source: 'source',
    campaign: 'campaign',
    utm_campaign: 'campaign',
  }),
)

/** `First Name`, `first-name`, `firstName` → `first_name`. */
export const canonicalKey = (key: string) =>
  key
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')

/**
 * The lead field a form or CSV column name maps to (`company.name`, `firstName`…), or null for unknown names.
 * @example leadFieldOf('First Name') // 'firstName'
 */
export const leadFieldOf = (key: string): string | null => ALIASES.get(canonicalKey(key)) ?? null

const hostOf = (v: string) => {
  try {
    return new URL(/^https?:\/\//i.test(v) ? v : `https://${v}`).hostname.toLowerCase().replace(/^www\./, '')
  } catch {
    return v
  }
}

/**
 * Builds the raw lead input (still to be validated with `LeadInput`) from flat text values. Empty values are
 * skipped; unknown names go to `fields` under their own name.
 * @example toLeadInput({ email: 'a@acme.io', 'First Name': 'Ana', plan: 'pro' }) // { email, firstName: 'Ana', fields: { plan: 'pro' } }
 */
export const toLeadInput = (values: Record<string, string>) => {
  // Null-prototype maps: posted names are attacker-chosen, and `__proto__` must stay a plain key.
  const out: Record<string, unknown> = Object.create(null)
  const company: Record<string, unknown> = Object.create(null)
  const fields: FlatMap = Object.create(null)
  for (const [key, raw] of Object.entries(values)) {
    const value = raw.trim()
    if (!value) continue
    const target = leadFieldOf(key)
    if (!target) {
      fields[key.slice(0, 200)] = value
      continue
    }
    if (target === 'name') {
      const [first, ...rest] = value.split(/\s+/)
      out.firstName ??= first
      if (rest.length > 0) out.lastName ??= rest.join(' ')
    } else if (target === 'company.employees') {
      // "1,200" or "200-500" (the lower bound): forms rarely send a clean integer.
      const n = Number(value.replace(/[,\s]/g, '').split('-')[0])
      company.employees = Number.isFinite(n) && value !== '' ? n : value
    } else if (target === 'company.domain') company.domain = hostOf(value)
    else if (target.startsWith('company.')) company[target.slice(8)] = value
    else out[target] = value
  }
  if (Object.keys(company).length > 0) out.company = company
  if (Object.keys(fields).length > 0) out.fields = fields
  return out
}
