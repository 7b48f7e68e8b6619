import { describe, expect, it } from 'vitest'
import { DEFAULT_CRITERIA } from '../../shared/default-criteria'
import { CriteriaDocument, type ScoredEvent } from '../../shared/schemas/criteria'
import { deriveSignals } from '../../shared/scoring'

const NOW = Date.parse('2026-11-23T12:00:00Z')
const DAY = 86_400_000
const view = (path: string, days: number): ScoredEvent => ({
  type: 'page_view',
  occurredAt: NOW - days * DAY,
  properties: { path },
})

describe('deriveSignals', () => {
  const criteria = CriteriaDocument.parse({
    thresholds: { mql: 40, sql: 70 },
    signals: [
      {
        id: 'pricing',
        kind: 'interest',
        label: 'Pricing',
        eventType: 'page_view',
        where: [{ op: 'starts_with', property: 'path', prefix: '/pricing' }],
      },
      {
        id: 'price',
        kind: 'objection',
        label: 'price',
        eventType: 'page_view',
        where: [{ op: 'starts_with', property: 'path', prefix: '/pricing' }],
        content: [{ title: 'Pricing guide', url: 'https://example.com/enablement/pricing-guide' }],
      },
      {
        id: 'security',
        kind: 'objection',
        label: 'security review',
        eventType: 'page_view',
        where: [{ op: 'starts_with', property: 'path', prefix: '/security' }],
        content: [{ title: 'Security one-pager', url: 'https://example.com/enablement/security' }],
      },
      {
        id: 'integrations',
        kind: 'interest',
        label: 'Integrations',
        eventType: 'page_view',
        where: [{ op: 'starts_with', property: 'path', prefix: '/integrations' }],
      },
      { id: 'webinars', kind: 'interest', label: 'Webinars', eventType: 'webinar_attended' },
    ],
  })

  it('yields one signal per matching rule with evidence and content, interests and objections apart', () => {
    const events = [
      view('/pricing', 5),
      view('/pricing/teams', 4),
      view('/pricing?x=1', 3),
      view('/security', 1),
      view('/blog', 0),
    ]
    const { interests, objections } = deriveSignals(events, criteria)
    expect(interests).toEqual([{ key: 'pricing', label: 'Pricing', evidence: 'visited /pricing 3 times', content: [] }])
    expect(objections.map((o) => o.key)).toEqual(['security', 'price'])
    expect(objections[1]).toEqual({
      key: 'price',
      label: 'price',
      evidence: 'visited /pricing 3 times',
      content: [{ title: 'Pricing guide', url: 'https://example.com/enablement/pricing-guide' }],
    })
    expect(objections[0]?.evidence).toBe('visited /security once')
  })

  it('orders by the most recent matching event', () => {
    const events = [view('/pricing', 1), view('/integrations', 9), view('/integrations', 0.5)]
    expect(deriveSignals(events, criteria).interests.map((i) => i.key)).toEqual(['integrations', 'pricing'])
    const later = [view('/pricing', 0.1), view('/integrations', 9), view('/integrations', 0.5)]
    expect(deriveSignals(later, criteria).interests.map((i) => i.key)).toEqual(['pricing', 'integrations'])
  })

  it('matches rules without a path on the event type', () => {
    const events: ScoredEvent[] = [{ type: 'webinar_attended', occurredAt: NOW, properties: { name: 'Q4 launch' } }]
    expect(deriveSignals(events, criteria).interests).toEqual([
      { key: 'webinars', label: 'Webinars', evidence: 'attended a webinar once', content: [] },
    ])
  })

  it('yields nothing without matching events', () => {
    expect(deriveSignals([view('/pricingx', 1)], criteria)).toEqual({ interests: [], objections: [] })
    expect(deriveSignals([], criteria)).toEqual({ interests: [], objections: [] })
  })

  it('merges rules with the same kind and label (the default /compare and /vs)', () => {
    const defaults = CriteriaDocument.parse(DEFAULT_CRITERIA)
    const { objections } = deriveSignals(
      [view('/compare/rivalcrm', 2), view('/vs/leadlasso', 1), view('/vs/rivalcrm', 3)],
      defaults,
    )
    expect(objections).toHaveLength(1)
    expect(objections[0]?.label).toBe('evaluating a competitor')
    expect(objections[0]?.evidence).toBe('visited /vs 2 times; visited /compare once')
    expect(objections[0]?.content.length).toBeGreaterThan(0)
    expect(new Set(objections[0]?.content.map((c) => c.url)).size).toBe(objections[0]?.content.length)
  })
})
