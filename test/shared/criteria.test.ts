import { describe, expect, it } from 'vitest'
import { DEFAULT_CRITERIA } from '../../shared/default-criteria'
import { CriteriaDocument } from '../../shared/schemas/criteria'

const base = { thresholds: { mql: 40, sql: 70 } }
const issues = (input: unknown) => {
  const r = CriteriaDocument.safeParse(input)
  expect(r.success).toBe(false)
  return r.error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) ?? []
}
const fit = (id: string, points = 10) => ({ id, label: id, when: { op: 'exists', field: 'title' }, points })

describe('DEFAULT_CRITERIA', () => {
  it('parses as a criteria document with the required parts', () => {
    const doc = CriteriaDocument.parse(DEFAULT_CRITERIA)
    expect(doc.thresholds).toEqual({ mql: 40, sql: 70 })
    expect(doc.fit.length).toBeGreaterThan(3)
    expect(doc.engagement.map((e) => e.eventType)).toEqual(
      expect.arrayContaining([
        'page_view',
        'content_download',
        'webinar_attended',
        'email_click',
        'form_submit',
        'meeting_booked',
      ]),
    )
    expect(doc.negative.every((n) => n.points < 0)).toBe(true)
    expect(doc.disqualifiers.map((d) => d.reason)).toEqual(
      expect.arrayContaining(['student', 'job seeker', 'competitor']),
    )
    expect(doc.hot.map((h) => h.eventType)).toEqual(expect.arrayContaining(['form_submit', 'meeting_booked']))
    expect(doc.signals.filter((s) => s.kind === 'objection').every((s) => s.content.length > 0)).toBe(true)
    expect(doc.disqualificationReasons).toEqual(
      expect.arrayContaining([
        'student',
        'job seeker',
        'competitor',
        'no budget',
        'no authority',
        'bad data',
        'not a fit',
        'existing customer',
        'chose competitor',
        'timing',
      ]),
    )
    // Every disqualifier reason is one a rep can also pick.
    for (const d of doc.disqualifiers) expect(doc.disqualificationReasons).toContain(d.reason)
  })
})

describe('CriteriaDocument validation', () => {
  it('rejects an SQL threshold below MQL at thresholds.sql', () => {
    expect(issues({ thresholds: { mql: 50, sql: 40 } })).toContainEqual({
      path: 'thresholds.sql',
      message: 'The SQL threshold must be at least the MQL threshold',
    })
  })

  it('rejects duplicate rule ids at the duplicate', () => {
    const found = issues({ ...base, fit: [fit('a'), fit('b'), fit('a')] })
    expect(found).toContainEqual({ path: 'fit.2.id', message: 'Duplicate rule id "a"' })
  })

  it('rejects a negative rule with positive points', () => {
    expect(issues({ ...base, negative: [fit('n', 5)] }).map((i) => i.path)).toContain('negative.0.points')
    expect(CriteriaDocument.safeParse({ ...base, negative: [fit('n', -5)] }).success).toBe(true)
  })

  it('rejects malformed rules with their paths', () => {
    const paths = (input: unknown) => issues(input).map((i) => i.path)
    expect(paths({ ...base, fit: [{ ...fit('Bad Id') }] })).toContain('fit.0.id')
    expect(paths({ ...base, fit: [{ ...fit('x'), when: { op: 'range', field: 'company.employees' } }] })).toContain(
      'fit.0.when.min',
    )
    expect(
      paths({ ...base, fit: [{ ...fit('x'), when: { op: 'range', field: 'company.employees', min: 9, max: 1 } }] }),
    ).toContain('fit.0.when.max')
    expect(paths({ ...base, fit: [{ ...fit('x'), when: { op: 'regex', field: 'title', pattern: '.*' } }] })).toContain(
      'fit.0.when.op',
    )
    expect(paths({ ...base, fit: [{ ...fit('x'), when: { op: 'exists', field: 'password' } }] })).toContain(
      'fit.0.when.field',
    )
    expect(paths({ ...base, engagement: [{ id: 'e', label: 'E', eventType: 'x', points: 1, cap: -1 }] })).toContain(
      'engagement.0.cap',
    )
    expect(
      paths({ ...base, engagement: [{ id: 'e', label: 'E', eventType: 'x', points: 1, cap: 1, halfLifeDays: 0 }] }),
    ).toContain('engagement.0.halfLifeDays')
    expect(
      paths({ ...base, disqualifiers: [{ id: 'd', label: 'D', reason: ' ', when: { op: 'exists', field: 'title' } }] }),
    ).toContain('disqualifiers.0.reason')
    expect(
      paths({
        ...base,
        signals: [{ id: 's', kind: 'interest', label: 'S', content: [{ title: 'x', url: 'javascript:alert(1)' }] }],
      }),
    ).toContain('signals.0.content.0.url')
    expect(
      paths({ ...base, fit: [{ ...fit('x'), when: { op: 'contains_any', field: 'title', words: ['vp', '.*'] } }] }),
    ).toContain('fit.0.when.words.1')
    expect(paths({})).toContain('thresholds')
  })
})
