import { describe, expect, it } from 'vitest'
import { Condition, type LeadFacts, PropertyCondition } from '../../shared/schemas/criteria'
import { evaluateCondition, matchesProperties, readField, toPath } from '../../shared/scoring'

const lead = (over: Partial<LeadFacts> = {}): LeadFacts => ({
  email: 'Ann.Lee@Acme.COM',
  title: 'VP Marketing',
  company: { name: 'Acme', domain: 'acme.com', industry: 'Software', employees: 250, country: 'US' },
  fields: { budget: '50k', seats: 40, trial: true, empty: '  ' },
  ...over,
})
const cond = (c: unknown) => Condition.parse(c)
const where = (...c: unknown[]) => c.map((x) => PropertyCondition.parse(x))
const matched = (l: LeadFacts, c: unknown) => evaluateCondition(l, cond(c)).matched

describe('readField', () => {
  it('derives email_domain lower-case and reads company.x and fields.<key>', () => {
    const l = lead()
    expect(readField(l, 'email_domain')).toBe('acme.com')
    expect(readField(l, 'company.employees')).toBe(250)
    expect(readField(l, 'fields.seats')).toBe(40)
    expect(readField(l, 'fields.missing')).toBeNull()
    expect(readField(lead({ email: 'no-at-sign' }), 'email_domain')).toBeNull()
    expect(readField(lead({ title: null }), 'title')).toBeNull()
  })
})

describe('evaluateCondition', () => {
  it('equals: case-insensitive text, numbers numerically, booleans', () => {
    expect(matched(lead(), { op: 'equals', field: 'company.industry', value: 'software' })).toBe(true)
    expect(matched(lead(), { op: 'equals', field: 'company.industry', value: 'soft' })).toBe(false)
    expect(matched(lead(), { op: 'equals', field: 'company.employees', value: 250 })).toBe(true)
    expect(matched(lead(), { op: 'equals', field: 'fields.trial', value: true })).toBe(true)
    expect(matched(lead(), { op: 'equals', field: 'fields.trial', value: false })).toBe(false)
    expect(matched(lead({ fields: { n: ' 12 ' } }), { op: 'equals', field: 'fields.n', value: 12 })).toBe(true)
  })

  it('equals on email_domain reads the domain of the email', () => {
    expect(matched(lead(), { op: 'equals', field: 'email_domain', value: 'ACME.com' })).toBe(true)
    expect(matched(lead({ email: 'x@gmail.com' }), { op: 'equals', field: 'email_domain', value: 'acme.com' })).toBe(
      false,
    )
  })

  it('in: any of the values', () => {
    expect(matched(lead(), { op: 'in', field: 'company.country', values: ['gb', 'us'] })).toBe(true)
    expect(matched(lead(), { op: 'in', field: 'company.country', values: ['DE'] })).toBe(false)
    expect(
      matched(lead({ email: 'a@yahoo.com' }), { op: 'in', field: 'email_domain', values: ['gmail.com', 'yahoo.com'] }),
    ).toBe(true)
  })

  it('contains_any matches whole words only, case-insensitively, including phrases', () => {
    const c = { op: 'contains_any', field: 'title', words: ['VP', 'head of', 'intern'] }
    expect(matched(lead({ title: 'vp, marketing' }), c)).toBe(true)
    expect(matched(lead({ title: 'Head of Growth' }), c)).toBe(true)
    expect(matched(lead({ title: 'Head Chef' }), c)).toBe(false)
    expect(matched(lead({ title: 'International Sales' }), c)).toBe(false)
    expect(matched(lead({ title: 'MVP Engineer' }), c)).toBe(false)
    expect(matched(lead({ title: 'Marketing Intern' }), c)).toBe(true)
    expect(matched(lead({ title: null }), c)).toBe(false)
  })

  it('contains_any treats admin words literally (no regex from input)', () => {
    const c = { op: 'contains_any', field: 'title', words: ['c++', '(a+)+$'] }
    expect(matched(lead({ title: 'Anything at all' }), c)).toBe(false)
    expect(matched(lead({ title: `${'a'.repeat(5000)}!` }), c)).toBe(false)
    expect(matched(lead({ title: 'C++ developer' }), c)).toBe(true)
  })

  it('range: inclusive bounds, open ends, numeric strings, missing values', () => {
    const c = { op: 'range', field: 'company.employees', min: 50, max: 5000 }
    for (const [n, ok] of [
      [49, false],
      [50, true],
      [5000, true],
      [5001, false],
    ] as const)
      expect(matched(lead({ company: { employees: n } }), c)).toBe(ok)
    expect(matched(lead({ company: { employees: 3 } }), { op: 'range', field: 'company.employees', max: 9 })).toBe(true)
    expect(matched(lead({ company: { employees: 10 } }), { op: 'range', field: 'company.employees', max: 9 })).toBe(
      false,
    )
    expect(matched(lead({ company: {} }), { op: 'range', field: 'company.employees', max: 9 })).toBe(false)
    expect(matched(lead(), { op: 'range', field: 'fields.seats', min: 40 })).toBe(true)
    expect(matched(lead({ fields: { seats: '45' } }), { op: 'range', field: 'fields.seats', min: 40, max: 45 })).toBe(
      true,
    )
    expect(matched(lead({ fields: { seats: 'many' } }), { op: 'range', field: 'fields.seats', min: 0 })).toBe(false)
  })

  it('exists: non-empty values only', () => {
    expect(matched(lead(), { op: 'exists', field: 'fields.budget' })).toBe(true)
    expect(matched(lead(), { op: 'exists', field: 'fields.empty' })).toBe(false)
    expect(matched(lead(), { op: 'exists', field: 'phone' })).toBe(false)
    expect(matched(lead({ phone: '' }), { op: 'exists', field: 'phone' })).toBe(false)
    expect(matched(lead({ phone: '+1 555 0100' }), { op: 'exists', field: 'phone' })).toBe(true)
    expect(matched(lead({ company: { employees: 0 } }), { op: 'exists', field: 'company.employees' })).toBe(true)
  })

  it('gives the field value as evidence', () => {
    expect(evaluateCondition(lead(), cond({ op: 'exists', field: 'title' })).evidence).toBe('title: "VP Marketing"')
    expect(evaluateCondition(lead(), cond({ op: 'exists', field: 'company.employees' })).evidence).toBe(
      'company.employees: 250',
    )
  })

  it('stays linear on hostile input', () => {
    const hostile = lead({ title: `${'a'.repeat(100_000)}!`, message: `${'a '.repeat(50_000)}!` })
    const t0 = performance.now()
    expect(matched(hostile, { op: 'contains_any', field: 'title', words: ['aa', 'a a', 'b'] })).toBe(false)
    expect(matched(hostile, { op: 'contains_any', field: 'message', words: ['a a a b'] })).toBe(false)
    expect(matched(hostile, { op: 'range', field: 'title', min: 0 })).toBe(false)
    expect(performance.now() - t0).toBeLessThan(200)
  })

  it('reads only own fields, never inherited ones', () => {
    expect(readField(lead(), 'fields.constructor')).toBeNull()
    expect(readField(lead(), 'fields.__proto__')).toBeNull()
    expect(matched(lead(), { op: 'exists', field: 'fields.toString' })).toBe(false)
    expect(matchesProperties({}, where({ op: 'exists', property: 'constructor' }))).toBe(false)
  })
})

describe('matchesProperties', () => {
  const pricing = where({ op: 'starts_with', property: 'path', prefix: '/pricing' })
  it('starts_with on paths stops at a segment boundary and ignores query and hash', () => {
    expect(matchesProperties({ path: '/pricing' }, pricing)).toBe(true)
    expect(matchesProperties({ path: '/pricing/enterprise' }, pricing)).toBe(true)
    expect(matchesProperties({ path: '/Pricing/' }, pricing)).toBe(true)
    expect(matchesProperties({ path: '/pricing?utm_source=x' }, pricing)).toBe(true)
    expect(matchesProperties({ path: '/pricing#faq' }, pricing)).toBe(true)
    expect(matchesProperties({ path: '/pricingx' }, pricing)).toBe(false)
    expect(matchesProperties({ path: '/blog/pricing' }, pricing)).toBe(false)
    expect(matchesProperties({ path: '/x?next=/pricing' }, pricing)).toBe(false)
    expect(matchesProperties({}, pricing)).toBe(false)
  })

  it('stays linear on hostile paths and URLs', () => {
    const slashes = `/${'/'.repeat(100_000)}a/`
    const t0 = performance.now()
    expect(matchesProperties({ path: slashes }, pricing)).toBe(false)
    expect(matchesProperties({ url: `https://x.com${slashes}` }, pricing)).toBe(false)
    const url = where({ op: 'starts_with', property: 'url', prefix: 'https://acme.com/pricing' })
    expect(matchesProperties({ url: `https://acme.com/pricing${slashes}` }, url)).toBe(true)
    expect(matchesProperties({ url: `https://acme.com/pricing?${'?'.repeat(100_000)}` }, url)).toBe(true)
    expect(matchesProperties({ url: 'https://acme.com/pricingx' }, url)).toBe(false)
    expect(performance.now() - t0).toBeLessThan(200)
  })

  it('reads the path of a URL (and falls back from path to url)', () => {
    expect(matchesProperties({ path: 'https://acme.com/pricing/teams?x=1' }, pricing)).toBe(true)
    expect(matchesProperties({ url: 'https://acme.com/pricing' }, pricing)).toBe(true)
    expect(matchesProperties({ url: 'https://acme.com/pricingx' }, pricing)).toBe(false)
    expect(toPath('https://acme.com')).toBe('/')
    expect(toPath('https://acme.com?q=/pricing')).toBe('/')
  })

  it('equals compares paths without the query; other ops as on fields; all conditions must hold', () => {
    expect(
      matchesProperties({ path: '/security?ref=nav' }, where({ op: 'equals', property: 'path', value: '/security' })),
    ).toBe(true)
    expect(
      matchesProperties({ form: 'Demo_Request' }, where({ op: 'equals', property: 'form', value: 'demo_request' })),
    ).toBe(true)
    expect(
      matchesProperties(
        { form: 'newsletter' },
        where({ op: 'in', property: 'form', values: ['demo_request', 'contact'] }),
      ),
    ).toBe(false)
    expect(
      matchesProperties(
        { asset: 'Security Whitepaper' },
        where({ op: 'contains_any', property: 'asset', words: ['security'] }),
      ),
    ).toBe(true)
    expect(matchesProperties({ asset: null }, where({ op: 'exists', property: 'asset' }))).toBe(false)
    const both = where({ op: 'equals', property: 'form', value: 'demo' }, { op: 'exists', property: 'plan' })
    expect(matchesProperties({ form: 'demo', plan: 'pro' }, both)).toBe(true)
    expect(matchesProperties({ form: 'demo' }, both)).toBe(false)
    expect(matchesProperties(undefined, [])).toBe(true)
    expect(
      matchesProperties({ asset: 'guide-2026.pdf' }, where({ op: 'starts_with', property: 'asset', prefix: 'Guide-' })),
    ).toBe(true)
  })
})
