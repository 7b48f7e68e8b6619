/**
 * Merging intake data into a lead: later non-empty values win, `fields` merge key by key, CRM references
 * accumulate. Pure.
 * @module
 */
import { MAX_FIELDS } from '../../../shared/schemas/lead'
import type { ErrorIssue } from '../../../shared/schemas/errors'
import type { CrmRef, LeadInput } from '../../../shared/schemas/lead'
import { normalizeCrmId } from '../../../shared/urls/crm'
import { linkedInSlug } from '../../../shared/urls/linkedin'
import { type LeadRow, normalizeEmail } from '../../db/queries/leads'

const present = <T>(v: T | null | undefined): v is T =>
  v !== undefined && v !== null && (typeof v !== 'string' || v.trim() !== '')

/**
 * CRM ids in canonical form (Salesforce 18 characters, HubSpot/Pipedrive digits), or the issues of those
 * that are not ids of their system.
 * @example canonicalRefs([{ system: 'hubspot', id: '0042' }]) // { refs: [{ system: 'hubspot', id: '42' }], issues: [] }
 */
export const canonicalRefs = (refs: readonly CrmRef[] | undefined) => {
  const out: CrmRef[] = []
  const issues: ErrorIssue[] = []
  ;(refs ?? []).forEach((r, i) => {
    const id = normalizeCrmId(r.system, r.id.trim())
    if (id) out.push({ system: r.system, id })
    else issues.push({ path: `crmRefs.${i}.id`, message: `Not a ${r.system} record id` })
  })
  return { refs: out, issues }
}

/** A fresh lead row with every column at its default (stored by the first write). */
export const blankLead = (id: string, email: string, now: number): LeadRow => ({
  id,
  emailNorm: normalizeEmail(email),
  email: email.trim(),
  firstName: null,
  lastName: null,
  title: null,
  phone: null,
  linkedinUrl: null,
  linkedinSlug: null,
  companyName: null,
  companyDomain: null,
  industry: null,
  employees: null,
  country: null,
  source: null,
  campaign: null,
  message: null,
  fields: {},
  status: 'new',
  scoreTotal: 0,
  scoreFit: 0,
  scoreEngagement: 0,
  scoreBreakdown: [],
  criteriaVersion: null,
  hot: false,
  disqualifiedReason: null,
  whyNow: null,
  mqlAt: null,
  sqlAt: null,
  assigneeId: null,
  assignedAt: null,
  claimId: null,
  firstTouchAt: null,
  outcomeAt: null,
  wonAmount: null,
  createdAt: now,
  updatedAt: now,
})

/** Person and company columns intake may write. */
export const INTAKE_COLUMNS = [
  'firstName',
  'lastName',
  'title',
  'phone',
  'linkedinUrl',
  'linkedinSlug',
  'companyName',
  'companyDomain',
  'industry',
  'employees',
  'country',
  'source',
  'campaign',
  'message',
  'fields',
] as const satisfies ReadonlyArray<keyof LeadRow>

/**
 * The lead after merging `input` into `row` (a new object), and the names of the columns that changed.
 * `defaultSource` fills `source` only while the lead has none.
 * @example const { row: merged, changed } = mergeLead(row, { email, title: 'VP Sales' }, { now })
 */
export const mergeLead = (
  row: LeadRow,
  input: LeadInput,
  opts: {
    now: number
    defaultSource?: string
    /** Anonymous input (the public form) only fills what is empty: it never overwrites a value already set. */
    fillOnly?: boolean
  },
) => {
  const next: LeadRow = { ...row }
  const incoming: Partial<Record<(typeof INTAKE_COLUMNS)[number], unknown>> = {
    firstName: input.firstName,
    lastName: input.lastName,
    title: input.title,
    phone: input.phone,
    linkedinUrl: input.linkedinUrl,
    linkedinSlug: input.linkedinUrl ? linkedInSlug(input.linkedinUrl) : undefined,
    companyName: input.company?.name,
    companyDomain: input.company?.domain,
    industry: input.company?.industry,
    employees: input.company?.employees,
    country: input.company?.country,
    source: input.source,
    campaign: input.campaign,
    message: input.message,
  }
  const changed: string[] = []
  for (const [key, value] of Object.entries(incoming) as Array<[keyof typeof incoming, unknown]>) {
    if (!present(value) || next[key] === value) continue
    if (opts.fillOnly && present(next[key])) continue
    ;(next as Record<string, unknown>)[key] = typeof value === 'string' ? value.trim() : value
    changed.push(key)
  }
  if (!next.source && opts.defaultSource) {
    next.source = opts.defaultSource
    changed.push('source')
  }
  if (input.fields && Object.keys(input.fields).length > 0) {
    const before = (row.fields ?? {}) as Record<string, unknown>
    // Keys already on the lead keep updating; new keys are added only while the lead has room for them.
    const merged: Record<string, unknown> = { ...before }
    for (const [k, v] of Object.entries(input.fields)) {
      if (opts.fillOnly && Object.hasOwn(merged, k)) continue
      if (Object.hasOwn(merged, k) || Object.keys(merged).length < MAX_FIELDS) merged[k] = v
    }
    if (Object.entries(merged).some(([k, v]) => before[k] !== v)) {
      next.fields = merged
      changed.push(
        ...Object.keys(merged)
          .filter((k) => before[k] !== merged[k])
          .map((k) => `fields.${k}`),
      )
    }
  }
  if (changed.length > 0) next.updatedAt = opts.now
  return { row: next, changed }
}
