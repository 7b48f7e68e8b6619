import { describe, expect, it } from 'vitest'
import { diffCriteria } from '../../extension/admin/diff'
import { move, setIn } from '../../extension/admin/paths'
import { errorsAt, issuesToErrors, validateDraft } from '../../extension/admin/validation'
import { DEFAULT, SMALL } from './admin-fixtures'

describe('diffCriteria', () => {
  it('reads threshold changes', () => {
    const after = setIn(setIn(SMALL, ['thresholds', 'sql'], 50), ['thresholds', 'mql'], 25)
    expect(diffCriteria(SMALL, after)).toEqual(['MQL threshold 30 → 25', 'SQL threshold 60 → 50'])
  })

  it('reads added, removed and changed rules of each kind', () => {
    const after = {
      ...SMALL,
      fit: [
        ...SMALL.fit,
        {
          id: 'enterprise',
          label: 'Enterprise',
          when: { op: 'range' as const, field: 'company.employees', min: 1000 },
          points: 15,
        },
      ],
      engagement: [{ ...SMALL.engagement[0]!, points: 8, halfLifeDays: 14 }],
      disqualifiers: [],
      hot: [{ id: 'demo', label: 'Demo request', eventType: 'form_submit', where: [] }],
      disqualificationReasons: ['student', 'competitor'],
    }
    expect(diffCriteria(SMALL, after)).toEqual([
      "added fit rule 'Enterprise'",
      "engagement 'Pricing page' points 10 → 8",
      "engagement 'Pricing page' half-life (days) none → 14",
      "removed disqualifier 'Student'",
      "added hot signal 'Demo request'",
      "added disqualification reason 'competitor'",
      "removed disqualification reason 'no budget'",
    ])
  })

  it('reads renames, condition edits, reorders and content links', () => {
    const fit = move(SMALL.fit, 1, -1).map((r) =>
      r.id === 'vp'
        ? { ...r, label: 'VP or Head', when: { op: 'contains_any' as const, field: 'title', words: ['vp', 'head'] } }
        : r,
    )
    const lines = diffCriteria(SMALL, { ...SMALL, fit })
    expect(lines).toContain("fit rule 'VP title' renamed 'VP or Head'")
    expect(lines).toContain("fit rule 'VP or Head' condition title contains any of vp → title contains any of vp, head")
    expect(lines).toContain('fit rules reordered')

    const signal = DEFAULT.signals.find((s) => s.id === 'security')!
    const edited = {
      ...DEFAULT,
      signals: DEFAULT.signals.map((s) => (s.id === 'security' ? { ...s, content: s.content.slice(1) } : s)),
    }
    expect(diffCriteria(DEFAULT, edited)).toEqual([
      `objection 'security review' removed content '${signal.content[0]!.title}'`,
    ])
  })

  it('finds nothing between equal documents', () => {
    expect(diffCriteria(DEFAULT, structuredClone(DEFAULT))).toEqual([])
  })
})

describe('draft validation', () => {
  it('maps zod issues onto dotted field paths', () => {
    const bad = setIn(setIn(SMALL, ['fit', 0, 'points'], 5000), ['thresholds', 'sql'], 10)
    const check = validateDraft(bad)
    expect(check.ok).toBe(false)
    expect(Object.keys(check.errors).sort()).toEqual(['fit.0.points', 'thresholds.sql'])
    expect(errorsAt(check.errors, 'thresholds.sql')[0]).toMatch(/at least the MQL/)
  })

  it('shows messages below a list field on that field', () => {
    const errors = issuesToErrors([{ path: 'fit.0.when.words.2', message: 'Too small' }])
    expect(errorsAt(errors, 'fit.0.when.words')).toEqual([])
    expect(errorsAt(errors, 'fit.0.when.words', true)).toEqual(['Too small'])
  })

  it('accepts the default criteria', () => {
    expect(validateDraft(DEFAULT).ok).toBe(true)
  })
})
