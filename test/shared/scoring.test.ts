import { describe, expect, it } from 'vitest'
import { DEFAULT_CRITERIA } from '../../shared/default-criteria'
import {
  CriteriaDocument,
  type CriteriaDocumentInput,
  type LeadFacts,
  type ScoredEvent,
} from '../../shared/schemas/criteria'
import { compileCriteria, score } from '../../shared/scoring'

const NOW = Date.parse('2026-11-23T12:00:00Z')
const DAY = 86_400_000
const ago = (days: number) => NOW - days * DAY

const lead = (over: Partial<LeadFacts> = {}): LeadFacts => ({
  email: 'ann@acme.com',
  company: {},
  fields: {},
  ...over,
})
const doc = (over: Partial<CriteriaDocumentInput> = {}) =>
  CriteriaDocument.parse({ thresholds: { mql: 40, sql: 70 }, ...over })
const ev = (type: string, days: number, properties: ScoredEvent['properties'] = {}): ScoredEvent => ({
  type,
  occurredAt: ago(days),
  properties,
})
const item = (r: ReturnType<typeof score>, rule: string) => r.breakdown.find((b) => b.rule === rule)

describe('fit and negative rules', () => {
  const criteria = doc({
    fit: [
      {
        id: 'senior',
        label: 'Senior title',
        when: { op: 'contains_any', field: 'title', words: ['vp', 'head'] },
        points: 20,
      },
      {
        id: 'size',
        label: 'Mid-market',
        when: { op: 'range', field: 'company.employees', min: 50, max: 5000 },
        points: 15,
      },
    ],
    negative: [
      { id: 'tiny', label: 'Tiny company', when: { op: 'range', field: 'company.employees', max: 9 }, points: -25 },
    ],
  })

  it('adds points for each matching fit rule with the field value as evidence', () => {
    const r = score(lead({ title: 'VP Marketing', company: { employees: 250 } }), [], criteria, NOW)
    expect(r.fit).toBe(35)
    expect(r.total).toBe(35)
    expect(r.engagement).toBe(0)
    expect(item(r, 'fit:senior')).toEqual({
      rule: 'fit:senior',
      label: 'Senior title',
      points: 20,
      evidence: 'title: "VP Marketing"',
    })
    expect(item(r, 'fit:size')?.evidence).toBe('company.employees: 250')
    expect(r.breakdown.map((b) => b.rule)).toEqual(['fit:senior', 'fit:size'])
  })

  it('subtracts negative rules inside fit', () => {
    const r = score(lead({ title: 'Head of Ops', company: { employees: 4 } }), [], criteria, NOW)
    expect(item(r, 'negative:tiny')).toMatchObject({
      points: -25,
      label: 'Tiny company',
      evidence: 'company.employees: 4',
    })
    expect(r.fit).toBe(20 - 25)
    expect(r.total).toBe(-5)
    // Sorted by |points|: the -25 comes before the +20.
    expect(r.breakdown.map((b) => b.rule)).toEqual(['negative:tiny', 'fit:senior'])
  })

  it('lists nothing for rules that did not fire', () => {
    const r = score(lead(), [], criteria, NOW)
    expect(r).toMatchObject({ total: 0, fit: 0, engagement: 0, breakdown: [], stage: 'new', crossedAt: null })
  })
})

describe('engagement rules', () => {
  const pricing = (over: Record<string, unknown> = {}) =>
    doc({
      engagement: [
        {
          id: 'pricing',
          label: 'Visited pricing',
          eventType: 'page_view',
          where: [{ op: 'starts_with', property: 'path', prefix: '/pricing' }],
          points: 10,
          cap: 1000,
          halfLifeDays: 7,
          ...over,
        },
      ],
    })

  it('decays each event by its age with the half-life', () => {
    const r = score(lead(), [ev('page_view', 14, { path: '/pricing' })], pricing(), NOW)
    // 14 days at a 7-day half-life: two halvings.
    expect(r.engagement).toBe(10 / 4)
    const r2 = score(
      lead(),
      [ev('page_view', 0, { path: '/pricing' }), ev('page_view', 7, { path: '/pricing/teams' })],
      pricing(),
      NOW,
    )
    expect(r2.engagement).toBe(10 + 5)
    const r3 = score(lead(), [ev('page_view', 3, { path: '/pricing' })], pricing(), NOW)
    expect(r3.engagement).toBe(Math.round(10 * 2 ** (-3 / 7) * 100) / 100)
  })

  it('does not decay without a half-life, and counts future events as now', () => {
    const noDecay = pricing({ halfLifeDays: null })
    expect(score(lead(), [ev('page_view', 365, { path: '/pricing' })], noDecay, NOW).engagement).toBe(10)
    expect(score(lead(), [ev('page_view', -3, { path: '/pricing' })], pricing(), NOW).engagement).toBe(10)
  })

  it('counts only events of the type whose properties all match', () => {
    const r = score(
      lead(),
      [
        ev('page_view', 0, { path: '/pricingx' }),
        ev('page_view', 0, { path: '/blog' }),
        ev('form_submit', 0, { path: '/pricing' }),
      ],
      pricing(),
      NOW,
    )
    expect(r.engagement).toBe(0)
    expect(r.breakdown).toEqual([])
  })

  it('caps the decayed sum per rule', () => {
    const events = Array.from({ length: 8 }, (_, i) => ev('page_view', i * 0.1, { path: '/pricing' }))
    const r = score(lead(), events, pricing({ cap: 30 }), NOW)
    expect(r.engagement).toBe(30)
    expect(item(r, 'engagement:pricing')?.points).toBe(30)
  })

  it('caps negative engagement by its absolute value', () => {
    const criteria = doc({
      engagement: [{ id: 'unsub', label: 'Unsubscribed', eventType: 'email_unsubscribe', points: -10, cap: 15 }],
    })
    const r = score(lead(), [ev('email_unsubscribe', 1), ev('email_unsubscribe', 2)], criteria, NOW)
    expect(r.engagement).toBe(-15)
  })

  it('describes the events as evidence', () => {
    const events = [
      ev('page_view', 10, { path: '/pricing' }),
      ev('page_view', 3, { path: '/pricing/a' }),
      ev('page_view', 5, { path: '/pricing' }),
    ]
    const r = score(lead(), events, pricing(), NOW)
    expect(item(r, 'engagement:pricing')).toMatchObject({
      label: 'Visited pricing',
      evidence: `3× page_view /pricing, last ${new Date(ago(3)).toISOString().slice(0, 10)}`,
    })
  })

  it('rounds points to 2 decimals and total = fit + engagement', () => {
    const criteria = doc({
      fit: [{ id: 'any', label: 'Any', when: { op: 'exists', field: 'email' }, points: 1.005 }],
      engagement: [{ id: 'v', label: 'Visit', eventType: 'page_view', points: 10, cap: 100, halfLifeDays: 3 }],
    })
    const r = score(lead(), [ev('page_view', 1)], criteria, NOW)
    for (const b of r.breakdown) expect(Math.round(b.points * 100) / 100).toBe(b.points)
    expect(r.total).toBe(Math.round((r.fit + r.engagement) * 100) / 100)
    expect(r.engagement).toBe(Math.round(10 * 0.5 ** (1 / 3) * 100) / 100)
  })
})

describe('thresholds and stage', () => {
  const criteria = doc({
    fit: [{ id: 'senior', label: 'Senior', when: { op: 'contains_any', field: 'title', words: ['vp'] }, points: 30 }],
    engagement: [{ id: 'dl', label: 'Download', eventType: 'content_download', points: 10, cap: 100 }],
  })
  const stageWith = (downloads: number) =>
    score(
      lead({ title: 'VP Sales' }),
      Array.from({ length: downloads }, (_, i) => ev('content_download', i + 1)),
      criteria,
      NOW,
    )

  it('moves new → mql → sql as the thresholds are crossed (inclusive)', () => {
    expect(stageWith(0).stage).toBe('new')
    expect(stageWith(0).total).toBe(30)
    expect(stageWith(1).stage).toBe('mql') // exactly 40
    expect(stageWith(3).stage).toBe('mql') // 60
    expect(stageWith(4).stage).toBe('sql') // exactly 70
    expect(score(lead(), [], criteria, NOW).stage).toBe('new')
  })

  it('falls back when decay pulls the total under a threshold', () => {
    const decaying = doc({
      engagement: [
        { id: 'dl', label: 'Download', eventType: 'content_download', points: 50, cap: 100, halfLifeDays: 10 },
      ],
    })
    const e = [ev('content_download', 0)]
    expect(score(lead(), e, decaying, NOW).stage).toBe('mql')
    expect(score(lead(), e, decaying, NOW + 10 * DAY).stage).toBe('new')
  })

  it('reports crossedAt as the event that pushed the lead over, null when fit alone did', () => {
    // Downloads 4, 3, 2 and 1 days ago: 30 fit + 10 each → mql at the first (40), sql at the fourth (70).
    const r = stageWith(4)
    expect(r.stage).toBe('sql')
    expect(r.crossedAt).toBe(ago(1))
    expect(stageWith(2).crossedAt).toBe(ago(2))
    const fitOnly = doc({ fit: [{ id: 'a', label: 'A', when: { op: 'exists', field: 'email' }, points: 80 }] })
    const f = score(lead(), [ev('page_view', 1)], fitOnly, NOW)
    expect(f.stage).toBe('sql')
    expect(f.crossedAt).toBeNull()
    expect(stageWith(0).crossedAt).toBeNull()
  })

  it('re-crosses after decay: crossedAt is the event that pushed it over again', () => {
    const decaying = doc({
      engagement: [
        { id: 'dl', label: 'Download', eventType: 'content_download', points: 45, cap: 1000, halfLifeDays: 1 },
      ],
    })
    // 30 days ago it crossed 40, then faded to ~0; the download 1 hour ago crossed again.
    const r = score(lead(), [ev('content_download', 30), ev('content_download', 1 / 24)], decaying, NOW)
    expect(r.stage).toBe('mql')
    expect(r.crossedAt).toBe(ago(1 / 24))
  })
})

describe('disqualifiers', () => {
  const criteria = CriteriaDocument.parse(DEFAULT_CRITERIA)
  const strong = { title: 'VP Marketing', company: { employees: 500, industry: 'Software', country: 'US' } }
  const hotEvents = [ev('form_submit', 1, { form: 'demo_request' }), ev('meeting_booked', 0.5)]

  it.each([
    [
      'personal email',
      lead({ ...strong, email: 'ann@Gmail.com' }),
      'personal-email',
      'personal email',
      'email_domain: "gmail.com"',
    ],
    [
      'competitor email',
      lead({ ...strong, email: 'spy@rivalcrm.com' }),
      'competitor',
      'competitor',
      'email_domain: "rivalcrm.com"',
    ],
    [
      'competitor company',
      lead({ ...strong, company: { ...strong.company, domain: 'rivalcrm.com' } }),
      'competitor-company',
      'competitor',
      'company.domain: "rivalcrm.com"',
    ],
    ['student', lead({ ...strong, title: 'Marketing Student' }), 'student', 'student', 'title: "Marketing Student"'],
    ['intern', lead({ ...strong, title: 'Sales Intern' }), 'student', 'student', 'title: "Sales Intern"'],
    ['job seeker', lead({ ...strong, title: 'Job Seeker' }), 'job-seeker', 'job seeker', 'title: "Job Seeker"'],
    [
      'looking',
      lead({ ...strong, title: 'Looking for new opportunities' }),
      'job-seeker',
      'job seeker',
      'title: "Looking for new opportunities"',
    ],
  ])('%s: disqualified with its reason, never qualifies even when hot', (_name, l, id, reason, evidence) => {
    const r = score(l, hotEvents, criteria, NOW)
    expect(r.disqualified).toMatchObject({ rule: id, reason })
    expect(r.stage).toBe('new')
    expect(r.crossedAt).toBeNull()
    expect(r.total).toBeGreaterThanOrEqual(70)
    const b = item(r, `disqualifier:${id}`)
    expect(b?.points).toBe(0)
    expect(b?.evidence).toContain(evidence)
    expect(r.breakdown.filter((x) => x.rule.startsWith('disqualifier:'))).toHaveLength(1)
  })

  it('takes the first matching disqualifier in document order', () => {
    const r = score(lead({ email: 'kid@gmail.com', title: 'Student' }), [], criteria, NOW)
    expect(r.disqualified?.rule).toBe('student')
  })

  it('does not disqualify a business lead', () => {
    const r = score(lead({ ...strong, email: 'ann@acme.com' }), [], criteria, NOW)
    expect(r.disqualified).toBeNull()
    expect(r.breakdown.some((b) => b.rule.startsWith('disqualifier:'))).toBe(false)
  })
})

describe('hot signals', () => {
  const criteria = doc({
    hot: [
      {
        id: 'demo',
        label: 'Requested a demo',
        eventType: 'form_submit',
        where: [{ op: 'equals', property: 'form', value: 'demo_request' }],
        withinDays: 14,
      },
      { id: 'meeting', label: 'Booked a meeting', eventType: 'meeting_booked' },
    ],
  })

  it('makes the lead hot and sql at once, at the most recent matching event', () => {
    const r = score(
      lead(),
      [ev('form_submit', 3, { form: 'demo_request' }), ev('form_submit', 1, { form: 'newsletter' })],
      criteria,
      NOW,
    )
    expect(r.total).toBe(0)
    expect(r.hot).toEqual({ rule: 'demo', label: 'Requested a demo', at: ago(3) })
    expect(r.stage).toBe('sql')
    expect(r.crossedAt).toBe(ago(3))
    expect(item(r, 'hot:demo')).toMatchObject({ points: 0, label: 'Requested a demo' })
    const latest = score(
      lead(),
      [ev('form_submit', 3, { form: 'demo_request' }), ev('meeting_booked', 2)],
      criteria,
      NOW,
    )
    expect(latest.hot?.rule).toBe('meeting')
    expect(latest.hot?.at).toBe(ago(2))
  })

  it('dates a hot lead from its hot event unless the score crossed the SQL line by events before', () => {
    const withEngagement = doc({
      ...criteria,
      engagement: [{ id: 'meet', label: 'Meeting', eventType: 'meeting_booked', points: 80, cap: 80 }],
    })
    const r = score(
      lead(),
      [ev('meeting_booked', 5), ev('form_submit', 1, { form: 'demo_request' })],
      withEngagement,
      NOW,
    )
    expect(r.hot?.at).toBe(ago(1))
    expect(r.crossedAt).toBe(ago(5))
    const fitOnly = doc({
      ...criteria,
      fit: [{ id: 'a', label: 'A', when: { op: 'exists', field: 'email' }, points: 90 }],
    })
    expect(score(lead(), [ev('form_submit', 2, { form: 'demo_request' })], fitOnly, NOW).crossedAt).toBe(ago(2))
  })

  it('breaks a tie at the same moment by document order, whatever the event order', () => {
    const same = [ev('meeting_booked', 1), ev('form_submit', 1, { form: 'demo_request' })]
    expect(score(lead(), same, criteria, NOW).hot?.rule).toBe('demo')
    expect(score(lead(), [...same].reverse(), criteria, NOW).hot?.rule).toBe('demo')
  })

  it('ignores hot events older than withinDays', () => {
    const r = score(lead(), [ev('form_submit', 15, { form: 'demo_request' })], criteria, NOW)
    expect(r.hot).toBeNull()
    expect(r.stage).toBe('new')
    expect(score(lead(), [ev('form_submit', 14, { form: 'demo_request' })], criteria, NOW).hot?.rule).toBe('demo')
    // No withinDays: any time.
    expect(score(lead(), [ev('meeting_booked', 400)], criteria, NOW).hot?.rule).toBe('meeting')
  })
})

describe('determinism and performance', () => {
  const criteria = CriteriaDocument.parse(DEFAULT_CRITERIA)
  const events = [
    ev('page_view', 2, { path: '/pricing' }),
    ev('webinar_attended', 5),
    ev('content_download', 9, { asset: 'guide' }),
  ]
  const l = lead({
    title: 'Director of Demand Generation',
    company: { employees: 120, industry: 'SaaS', country: 'GB' },
  })

  it('is deterministic and the same through compileCriteria', () => {
    const a = score(l, events, criteria, NOW)
    expect(score(l, [...events].reverse(), criteria, NOW)).toEqual(a)
    expect(compileCriteria(criteria)(l, events, NOW)).toEqual(a)
  })

  it('scores a hostile string fast', () => {
    const hostile = `${'a'.repeat(100_000)}!`
    const t0 = performance.now()
    const r = score(
      lead({
        title: hostile,
        message: hostile,
        company: { industry: hostile, name: hostile },
        email: `${hostile}@x.com`,
      }),
      [ev('page_view', 1, { path: `/${'a/'.repeat(50_000)}`, url: hostile })],
      criteria,
      NOW,
    )
    expect(r.disqualified).toBeNull()
    expect(performance.now() - t0).toBeLessThan(250)
  })
})

describe('DEFAULT_CRITERIA in use', () => {
  const criteria = CriteriaDocument.parse(DEFAULT_CRITERIA)
  const perfect = lead({
    title: 'VP Marketing',
    phone: '+1 555 0100',
    company: { employees: 300, industry: 'Software', country: 'US' },
  })

  it('makes a perfect fit without engagement an MQL, not yet a hand-off', () => {
    const r = score(perfect, [], criteria, NOW)
    expect(r.stage).toBe('mql')
    expect(r.total).toBeLessThan(criteria.thresholds.sql)
  })

  it('hands off on engagement, or at once on a demo request', () => {
    const engaged = [
      ev('page_view', 1, { path: '/pricing' }),
      ev('page_view', 2, { path: '/pricing/enterprise' }),
      ev('webinar_attended', 5),
    ]
    expect(score(perfect, engaged, criteria, NOW).stage).toBe('sql')
    const demo = score(lead({ title: 'Analyst' }), [ev('form_submit', 0.1, { form: 'demo_request' })], criteria, NOW)
    expect(demo).toMatchObject({ stage: 'sql', hot: { rule: 'demo-request', at: ago(0.1) }, crossedAt: ago(0.1) })
  })

  it('keeps a small company of juniors new', () => {
    const r = score(
      lead({ title: 'Marketing Coordinator', company: { employees: 5 } }),
      [ev('page_view', 1, { path: '/blog' })],
      criteria,
      NOW,
    )
    expect(r.stage).toBe('new')
    expect(r.breakdown.map((b) => b.rule)).toEqual(
      expect.arrayContaining(['negative:tiny-company', 'negative:junior-title']),
    )
  })
})
