/**
 * Generated prospects: people, companies, sources and campaigns, and their engagement sessions.
 * Pure: everything comes from the random source.
 * @module
 */
import type { EventInput, LeadInput } from '../../../shared/schemas/lead'
import { draw, type Random } from './random'

const FIRST = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Amelia',
  'Oliver',
  'Sofia',
  'Elijah',
  'Mia',
  'Lucas',
  'Hannah',
  'Felix',
  'Chloe',
  'Mateo',
  'Grace',
  'Leon',
  'Isla',
  'Arjun',
  'Yuki',
  'Fatima',
  'Jürgen',
  'Zoë',
  'Ines',
  'Mikael',
  'Aoife',
  'Chen',
  'Rafael',
  'Nora',
  'Tobias',
  'Camille',
]
const LAST = [
  'Smith',
  'Johnson',
  'Garcia',
  'Müller',
  'Schmidt',
  'Dubois',
  'Rossi',
  'Andersson',
  'Kelly',
  'Nakamura',
  'Patel',
  'Okafor',
  'Novak',
  'Jansen',
  'Silva',
  'Brown',
  'Weber',
  'Fischer',
  'Lefèvre',
  'Kowalski',
  'Murphy',
  'Lee',
  'Khan',
  'Berg',
  'Moreau',
]
const CO_A = [
  'North',
  'Blue',
  'Bright',
  'Iron',
  'Cloud',
  'Peak',
  'Swift',
  'Green',
  'Silver',
  'Nova',
  'Atlas',
  'Bold',
  'Clear',
  'Prime',
  'Vector',
]
const CO_B = ['wave', 'stack', 'forge', 'leaf', 'path', 'scale', 'works', 'ly', 'base', 'loop', 'mint', 'grid']
const TLD = ['com', 'io', 'co', 'de', 'ai']

const TITLES: ReadonlyArray<readonly [string, number]> = [
  ['VP Marketing', 6],
  ['Head of Sales', 6],
  ['Director of Revenue Operations', 5],
  ['Chief Revenue Officer', 2],
  ['CEO', 3],
  ['Co-Founder', 2],
  ['Marketing Manager', 10],
  ['Sales Operations Lead', 6],
  ['Demand Generation Manager', 6],
  ['Growth Marketing Lead', 5],
  ['Account Executive', 6],
  ['Marketing Coordinator', 5],
  ['Software Engineer', 4],
  ['Student', 2],
  ['Business Development Manager', 5],
  ['Director of Marketing', 5],
]
const INDUSTRIES: ReadonlyArray<readonly [string, number]> = [
  ['Software', 8],
  ['SaaS', 6],
  ['Financial Services', 4],
  ['Marketing and Advertising', 3],
  ['Manufacturing', 3],
  ['Healthcare', 2],
  ['Retail', 2],
  ['Consulting', 2],
  ['Education', 1],
]
const COUNTRIES: ReadonlyArray<readonly [string, number]> = [
  ['US', 38],
  ['CA', 5],
  ['GB', 12],
  ['DE', 12],
  ['FR', 6],
  ['NL', 5],
  ['SE', 3],
  ['AU', 4],
  ['IE', 2],
  ['BR', 3],
  ['IN', 4],
  ['ES', 3],
]
const EMPLOYEES = [5, 25, 60, 120, 250, 480, 900, 1500, 3200, 8000, 20000]

/** Sources with their campaigns, share of leads and lead quality (how often sales accepts them). */
export const SOURCES = [
  { source: 'website', campaigns: [null], share: 24, quality: 0.65 },
  { source: 'google-ads', campaigns: ['brand-search', 'competitor-search'], share: 22, quality: 0.45 },
  { source: 'linkedin-ads', campaigns: ['abm-q3', 'abm-q4'], share: 16, quality: 0.55 },
  { source: 'webinar', campaigns: ['webinar-sep-routing', 'webinar-oct-sla'], share: 14, quality: 0.7 },
  { source: 'content', campaigns: ['ebook-speed-to-lead', 'guide-lead-scoring'], share: 14, quality: 0.4 },
  { source: 'events', campaigns: ['saastr-europa-2026'], share: 10, quality: 0.6 },
] as const

export type Intent = 'hot' | 'warm' | 'cool'

export type Prospect = {
  input: LeadInput
  quality: number
  intent: Intent
  /** Engagement sessions: offsets from arrival (ms) and the events of each (occurredAt filled in later). */
  sessions: Array<{ offset: number; events: Array<Omit<EventInput, 'id' | 'email' | 'occurredAt'> & { dt: number }> }>
}

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

const PAGES = ['/', '/product', '/integrations', '/customers', '/blog/speed-to-lead', '/docs/getting-started']
const ASSETS = ['Speed-to-lead benchmark 2026', 'Lead scoring playbook', 'RevOps SLA template', 'ROI calculator']

/**
 * One generated prospect.
 * @example const p = prospect(mulberry32(1), 0)
 */
export const prospect = (rnd: Random, i: number): Prospect => {
  const d = draw(rnd)
  const first = d.pick(FIRST)
  const last = d.pick(LAST)
  const company = `${d.pick(CO_A)}${d.pick(CO_B)}`
  const domain = `${company.toLowerCase()}.${d.pick(TLD)}`
  const personal = d.chance(0.05)
  const slug = `${first}-${last}`.toLowerCase()
  const emailLocal = `${first}.${last}`
    .normalize('NFD')
    .replace(/[^\w.]/g, '')
    .toLowerCase()
  const src = d.weighted(SOURCES.map((s) => [s, s.share] as const))
  const intent = d.weighted<Intent>([
    ['hot', 18],
    ['warm', 37],
    ['cool', 45],
  ])
  const input: LeadInput = {
    email: `${emailLocal}${i}@${personal ? 'gmail.com' : domain}`,
    firstName: first,
    lastName: last,
    title: d.weighted(TITLES),
    linkedinUrl: `https://www.linkedin.com/in/${encodeURIComponent(`${slug}-${d.hex(6)}`)}/`,
    company: {
      name: company,
      domain,
      industry: d.weighted(INDUSTRIES),
      employees: d.pick(EMPLOYEES),
      country: d.weighted(COUNTRIES),
    },
    source: src.source,
    campaign: d.pick(src.campaigns) ?? undefined,
    ...(d.chance(0.5) ? { phone: `+1 555 ${String(d.int(1000, 9999))}` } : {}),
    ...(d.chance(0.3)
      ? {
          message: d.pick([
            'Looking to route leads across two regions.',
            'How does pricing work for 20 reps?',
            'Do you integrate with Salesforce?',
            'We need a SOC 2 report before a trial.',
          ]),
        }
      : {}),
    ...(d.chance(0.4)
      ? { fields: { teamSize: d.int(3, 80), crm: d.pick(['salesforce', 'hubspot', 'pipedrive']) } }
      : {}),
    ...(d.chance(0.35)
      ? {
          crmRefs: [
            {
              system: 'salesforce' as const,
              id: `00Q${d
                .hex(12)
                .toUpperCase()
                .replace(/[0-9]/g, (c) => 'ABCDEFGHJK'[Number(c)]!)}`,
            },
          ],
        }
      : {}),
  }
  const sessions: Prospect['sessions'] = []
  const view = (path: string, dt: number) => ({ type: 'page_view', properties: { path }, dt })
  // The first visit: what brought them in.
  sessions.push({
    offset: 0,
    events: [
      view('/', 0),
      ...(src.source === 'webinar'
        ? [{ type: 'webinar_attended', properties: { webinar: input.campaign ?? 'webinar' }, dt: 2 * MIN }]
        : []),
      ...(src.source === 'content'
        ? [{ type: 'content_download', properties: { asset: d.pick(ASSETS) }, dt: 3 * MIN }]
        : []),
    ],
  })
  const visits = intent === 'cool' ? d.int(0, 2) : d.int(2, 4)
  let offset = 0
  for (let v = 0; v < visits; v++) {
    offset += d.int(2, 120) * HOUR
    const events: Prospect['sessions'][number]['events'] = [view(d.pick(PAGES), 0)]
    if (intent !== 'cool' || d.chance(0.3))
      events.push(view(d.chance(0.8) ? '/pricing' : '/pricing/enterprise', 2 * MIN))
    if (d.chance(0.35)) events.push(view('/security', 4 * MIN))
    if (d.chance(0.25)) events.push(view('/compare/rivalcrm', 6 * MIN))
    if (d.chance(0.3)) events.push({ type: 'content_download', properties: { asset: d.pick(ASSETS) }, dt: 8 * MIN })
    if (d.chance(0.2)) events.push({ type: 'email_click', properties: { campaign: 'nurture' }, dt: 10 * MIN })
    sessions.push({ offset, events })
  }
  if (intent === 'hot') {
    offset += d.int(1, 48) * HOUR
    sessions.push({
      offset,
      events: [view('/pricing', 0), { type: 'form_submit', properties: { form: 'demo_request' }, dt: 3 * MIN }],
    })
  }
  return { input, quality: src.quality, intent, sessions }
}

export { DAY, HOUR, MIN }
