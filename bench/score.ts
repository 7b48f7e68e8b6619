/**
 * Benchmark of `score()` over a popup-sized preview sample: `npx tsx bench/score.ts [leads] [eventsPerLead]`.
 * The sample generator is shared with `test/shared/scoring-perf.test.ts`; `scorePerLead` is the
 * `npm run bench` row (50 rules, 500 events per lead).
 * @module
 */
import { pathToFileURL } from 'node:url'
import { DEFAULT_CRITERIA } from '../shared/default-criteria'
import { CriteriaDocument, type LeadFacts, type ScoredEvent } from '../shared/schemas/criteria'
import { deriveSignals, score } from '../shared/scoring'

export const BENCH_NOW = Date.parse('2026-11-23T12:00:00Z')
const DAY = 86_400_000

/** Small deterministic PRNG (mulberry32): the same sample on every run. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const TITLES = [
  'VP Marketing',
  'Head of Growth',
  'Marketing Manager',
  'Sales Director',
  'CMO',
  'Software Engineer',
  'Marketing Intern',
  'Student',
  'Account Executive',
  'Chief Revenue Officer',
  'Demand Generation Lead',
  'Looking for new opportunities',
  'Office Assistant',
]
const DOMAINS = [
  'acme.com',
  'globex.io',
  'initech.com',
  'umbrella.co',
  'gmail.com',
  'rivalcrm.com',
  'hooli.com',
  'yahoo.com',
  'piedpiper.net',
]
const INDUSTRIES = ['Software', 'SaaS', 'Retail', 'Financial Services', 'Marketing Agency', 'Healthcare', 'Internet']
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'IN', 'BR', 'AU', 'CA']
const PATHS = [
  '/pricing',
  '/pricing/enterprise',
  '/security',
  '/compare/rivalcrm',
  '/vs/leadlasso',
  '/integrations/salesforce',
  '/blog/post-1',
  '/',
  '/customers',
  '/docs/getting-started',
]
const TYPES = [
  'page_view',
  'page_view',
  'page_view',
  'page_view',
  'content_download',
  'webinar_attended',
  'email_click',
  'email_click',
  'form_submit',
  'meeting_booked',
  'email_unsubscribe',
]

export type SampleLead = { lead: LeadFacts; events: ScoredEvent[] }

/**
 * Deterministic sample leads with events over the last 90 days.
 * @example sampleLeads(5000, 20)
 */
export const sampleLeads = (n: number, eventsPerLead: number, seed = 42): SampleLead[] => {
  const r = rng(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T
  return Array.from({ length: n }, (_, i) => {
    const events: ScoredEvent[] = Array.from({ length: eventsPerLead }, () => {
      const type = pick(TYPES)
      const properties: ScoredEvent['properties'] =
        type === 'page_view'
          ? { path: pick(PATHS), url: `https://example.com${pick(PATHS)}?utm_source=x` }
          : type === 'form_submit'
            ? { form: r() < 0.1 ? 'demo_request' : 'newsletter' }
            : { asset: 'guide' }
      return { type, occurredAt: BENCH_NOW - Math.floor(r() * 90 * DAY), properties }
    })
    const lead: LeadFacts = {
      email: `lead${i}@${pick(DOMAINS)}`,
      title: pick(TITLES),
      phone: r() < 0.4 ? '+1 555 0100' : null,
      company: {
        employees: Math.floor(r() * 8000),
        industry: pick(INDUSTRIES),
        country: pick(COUNTRIES),
        domain: null,
      },
      fields: { budget: r() < 0.5 ? 'yes' : 'no' },
    }
    return { lead, events }
  })
}

/**
 * Scores every sample lead; returns wall-clock and CPU milliseconds (the CPU figure is what the code costs;
 * wall-clock also counts other processes on a busy machine) and how many leads reached each stage.
 */
export const scoreAll = (sample: readonly SampleLead[], criteria: CriteriaDocument, now = BENCH_NOW) => {
  const stages = { new: 0, mql: 0, sql: 0 }
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  for (const { lead, events } of sample) stages[score(lead, events, criteria, now).stage]++
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, stages }
}

/** How many rules a criteria document has, of every kind that `score()` evaluates. */
const ruleCount = (d: typeof DEFAULT_CRITERIA) =>
  (d.fit?.length ?? 0) +
  (d.engagement?.length ?? 0) +
  (d.negative?.length ?? 0) +
  (d.disqualifiers?.length ?? 0) +
  (d.hot?.length ?? 0) +
  (d.signals?.length ?? 0)

/**
 * DEFAULT_CRITERIA padded to `total` rules, alternating fit rules on the title and engagement rules on
 * page paths (the two kinds an organisation adds most), so the cost grows the way real documents grow.
 * @example CriteriaDocument.parse(criteriaWithRules(50))
 */
export const criteriaWithRules = (total: number): typeof DEFAULT_CRITERIA => {
  const doc = {
    ...DEFAULT_CRITERIA,
    fit: [...(DEFAULT_CRITERIA.fit ?? [])],
    engagement: [...(DEFAULT_CRITERIA.engagement ?? [])],
  }
  for (let i = 0; ruleCount(doc) < total; i++) {
    if (i % 2)
      doc.engagement.push({
        id: `bench-path-${i}`,
        label: `Visited ${PATHS[i % PATHS.length]}`,
        eventType: 'page_view',
        where: [{ op: 'starts_with', property: 'path', prefix: PATHS[i % PATHS.length]! }],
        points: 2,
        cap: 10,
        halfLifeDays: 14,
      })
    else
      doc.fit.push({
        id: `bench-title-${i}`,
        label: `Title word ${i}`,
        when: { op: 'contains_any', field: 'title', words: [`word${i}`, TITLES[i % TITLES.length]!.toLowerCase()] },
        points: 1,
      })
  }
  return doc
}

/**
 * CPU milliseconds of `score()` per lead with `rules` rules and `events` events per lead, one figure per
 * run (a freshly parsed document each run, as after an edit: compiling the rules is part of the cost).
 * @example median(scorePerLead({ rules: 50, events: 500, leads: 200, runs: 5 }))
 */
export const scorePerLead = ({ rules, events, leads, runs }: Record<'rules' | 'events' | 'leads' | 'runs', number>) => {
  const sample = sampleLeads(leads, events)
  const input = criteriaWithRules(rules)
  // Warm-up twice: the first passes pay for JIT tiers and GC growth, which no steady state sees.
  for (let i = 0; i < 2; i++) scoreAll(sample, CriteriaDocument.parse(input))
  return Array.from({ length: runs }, () => scoreAll(sample, CriteriaDocument.parse(input)).cpuMs / leads)
}

const main = () => {
  const leads = Number(process.argv[2] ?? 5000)
  const perLead = Number(process.argv[3] ?? 20)
  const criteria = CriteriaDocument.parse(DEFAULT_CRITERIA)
  const sample = sampleLeads(leads, perLead)
  const cold = scoreAll(sample, criteria)
  const all = Array.from({ length: 5 }, () => scoreAll(sample, CriteriaDocument.parse(DEFAULT_CRITERIA)))
  const runs = all.map((r) => r.ms).sort((a, b) => a - b)
  const cpu = all.map((r) => r.cpuMs).sort((a, b) => a - b)
  const t0 = performance.now()
  for (const { events } of sample) deriveSignals(events, criteria)
  const signalsMs = performance.now() - t0
  console.log(`${leads} leads × ${perLead} events, DEFAULT_CRITERIA`)
  console.log(
    `score(): cold ${cold.ms.toFixed(1)} ms (cpu ${cold.cpuMs.toFixed(1)}), warm median ${runs[2]!.toFixed(1)} ms (min ${runs[0]!.toFixed(1)}, cpu median ${cpu[2]!.toFixed(1)})`,
  )
  console.log(`deriveSignals(): ${signalsMs.toFixed(1)} ms; stages ${JSON.stringify(cold.stages)}`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main()
