/**
 * Shared fixtures of the admin tests: a small criteria document whose numbers are easy to follow, a fixed
 * sample of leads, and a synthetic sample of any size.
 * @module
 */
import { DEFAULT_CRITERIA } from '../../shared/default-criteria'
import { CriteriaDocument, type CriteriaVersion } from '../../shared/schemas/criteria'
import type { PreviewLead } from '../../extension/admin/preview'

export const NOW = Date.parse('2026-11-23T10:00:00Z')
const DAY = 86_400_000

/** VP +50, company ≥ 100 employees +20, pricing page views +10 each (cap 30), students disqualified; MQL 30, SQL 60. */
export const SMALL = CriteriaDocument.parse({
  name: 'small',
  fit: [
    { id: 'vp', label: 'VP title', when: { op: 'contains_any', field: 'title', words: ['vp'] }, points: 50 },
    { id: 'big', label: 'Big company', when: { op: 'range', field: 'company.employees', min: 100 }, points: 20 },
  ],
  engagement: [
    {
      id: 'pricing',
      label: 'Pricing page',
      eventType: 'page_view',
      where: [{ op: 'starts_with', property: 'path', prefix: '/pricing' }],
      points: 10,
      cap: 30,
    },
  ],
  negative: [],
  disqualifiers: [
    {
      id: 'student',
      label: 'Student',
      reason: 'student',
      when: { op: 'contains_any', field: 'title', words: ['student'] },
    },
  ],
  thresholds: { mql: 30, sql: 60 },
  hot: [],
  signals: [],
  disqualificationReasons: ['student', 'no budget'],
})

const pricing = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    type: 'page_view',
    occurredAt: NOW - (i + 1) * DAY,
    properties: { path: '/pricing' },
  }))

const lead = (
  id: string,
  name: string,
  title: string,
  employees: number,
  views: number,
  outcome: string | null = null,
  reason: string | null = null,
): PreviewLead => ({
  id,
  name,
  email: `${id}@example.com`,
  company: `${name} Inc`,
  status: outcome ?? 'mql',
  outcome: outcome ? { outcome, reason } : null,
  facts: { email: `${id}@example.com`, title, company: { employees }, fields: {} },
  events: pricing(views),
})

/** Under SMALL: Ann 50 (MQL), Bob 70 (SQL), Cat 40 (MQL), Dan 10 (new), Eve disqualified (student), Fay 50 (MQL, won). */
export const SAMPLE: PreviewLead[] = [
  lead('ann', 'Ann', 'VP Sales', 50, 0, 'lost', 'no budget'),
  lead('bob', 'Bob', 'VP Marketing', 500, 0),
  lead('cat', 'Cat', 'Engineer', 500, 2),
  lead('dan', 'Dan', 'Engineer', 10, 1),
  lead('eve', 'Eve', 'Student', 500, 0, 'disqualified', 'student'),
  lead('fay', 'Fay', 'Manager', 200, 3, 'won'),
]

export const version = (
  n: number,
  document: CriteriaDocument,
  note = `note ${n}`,
  author = 'ops@example.com',
): CriteriaVersion => ({
  version: n,
  document,
  note,
  author,
  createdAt: new Date(NOW - (10 - n) * DAY).toISOString(),
  restoredFrom: null,
})

export const DEFAULT = CriteriaDocument.parse(DEFAULT_CRITERIA)

const TITLES = [
  'VP Marketing',
  'Head of Growth',
  'Marketing Manager',
  'Engineer',
  'Student',
  'Sales Director',
  'Analyst',
  'CEO',
  'Junior Associate',
  'Revenue Operations Lead',
]
const INDUSTRIES = ['Software', 'SaaS', 'Retail', 'Fintech', 'Agency', 'Manufacturing']
const COUNTRIES = ['US', 'DE', 'FR', 'BR', 'GB', 'IN']
const PATHS = [
  '/pricing',
  '/pricing/enterprise',
  '/blog/a',
  '/docs/getting-started',
  '/security',
  '/compare/rival',
  '/customers',
]
const TYPES = [
  'page_view',
  'page_view',
  'page_view',
  'content_download',
  'email_click',
  'webinar_attended',
  'form_submit',
]
const OUTCOMES = [null, null, null, 'won', 'lost', 'disqualified']

/** A deterministic synthetic sample (linear congruential generator, no Math.random). */
export const syntheticSample = (size: number, eventsPerLead = 10): PreviewLead[] => {
  let seed = 42
  const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)] as T
  return Array.from({ length: size }, (_, i) => {
    const outcome = pick(OUTCOMES)
    return {
      id: `lead_${i}`,
      name: `Lead ${i}`,
      email: `lead${i}@${pick(['acme.com', 'gmail.com', 'globex.io', 'initech.de'])}`,
      company: `Company ${i % 300}`,
      status: outcome ?? 'mql',
      outcome: outcome
        ? {
            outcome,
            reason: outcome === 'disqualified' || outcome === 'lost' ? pick(['student', 'no budget', 'timing']) : null,
          }
        : null,
      facts: {
        email: `lead${i}@example.com`,
        title: pick(TITLES),
        phone: rnd() > 0.5 ? '+1 555 0100' : null,
        company: {
          name: `Company ${i % 300}`,
          industry: pick(INDUSTRIES),
          employees: Math.floor(rnd() * 8000),
          country: pick(COUNTRIES),
        },
        fields: {},
      },
      events: Array.from({ length: eventsPerLead }, () => {
        const type = pick(TYPES)
        const properties: Record<string, string> =
          type === 'page_view'
            ? { path: pick(PATHS) }
            : type === 'form_submit'
              ? { form: pick(['contact', 'demo_request']) }
              : {}
        return {
          type,
          occurredAt: NOW - Math.floor(rnd() * 90 * DAY),
          properties,
        }
      }),
    }
  })
}
