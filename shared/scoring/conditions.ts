/**
 * Declarative conditions of the criteria document, evaluated on lead facts and event properties.
 * Text comparisons are case-insensitive; `contains_any` tokenizes instead of building a regular expression
 * from admin input, so every evaluation is linear in the input length.
 * @module
 */
import type { Condition, LeadFacts, PropertyCondition } from '../schemas/criteria'

/** A value a condition reads: null when the lead has none. */
export type FieldValue = string | number | boolean | null

type PropertyValue = string | number | boolean | null | undefined

// One fixed, linear pattern: runs of letters/digits (any script). Never built from admin input.
const TOKEN = /[\p{L}\p{N}]+/gu
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i
const EVIDENCE_MAX = 120

/**
 * Reads a lead field: person fields, `company.<x>`, `email_domain` (derived, lower-case) or `fields.<key>`.
 * @example readField(lead, 'email_domain') // 'acme.com' for 'Ann@Acme.com'
 */
export const readField = (lead: LeadFacts, field: string): FieldValue => {
  if (field === 'email_domain') {
    const at = (lead.email ?? '').lastIndexOf('@')
    const domain =
      at < 0
        ? ''
        : lead.email
            .slice(at + 1)
            .trim()
            .toLowerCase()
    return domain || null
  }
  if (field.startsWith('fields.')) return own(lead.fields, field.slice(7))
  if (field.startsWith('company.')) return own(lead.company, field.slice(8))
  return own(lead, field)
}

/** An own primitive property (never an inherited one such as `constructor` or `__proto__`), else null. */
const own = (obj: object | null | undefined, key: string): FieldValue => {
  if (!obj || !Object.hasOwn(obj, key)) return null
  const value = (obj as Record<string, unknown>)[key]
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null
}

/**
 * Lower-case word tokens of a text (letters and digits, any script).
 * @example tokenize('VP, Marketing & Growth') // ['vp', 'marketing', 'growth']
 */
export const tokenize = (text: string): readonly string[] => {
  // Several rules read the same title in a row: keep the last few tokenizations.
  let tokens = tokenCache.get(text)
  if (tokens === undefined) {
    tokens = text.toLowerCase().match(TOKEN) ?? []
    if (tokenCache.size >= 64) tokenCache.clear()
    if (text.length <= 1000) tokenCache.set(text, tokens)
  }
  return tokens
}
const tokenCache = new Map<string, readonly string[]>()

const norm = (v: string | number | boolean) => String(v).trim().toLowerCase()

const toNumber = (v: FieldValue | undefined): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (typeof v === 'string') {
    const t = v.trim()
    if (!t || t.length > 40) return null
    const n = Number(t)
    return Number.isFinite(n) ? n : null
  }
  return null
}

/** Equality across types: numbers numerically, booleans against 'true'/'false', text case-insensitively. */
const looseEquals = (actual: FieldValue | undefined, expected: string | number | boolean): boolean => {
  if (actual === null || actual === undefined) return false
  if (typeof expected === 'number') return toNumber(actual) === expected
  if (typeof expected === 'boolean')
    return typeof actual === 'boolean' ? actual === expected : norm(actual) === String(expected)
  return norm(actual) === norm(expected)
}

const isEmpty = (v: FieldValue | undefined) =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '')

/**
 * A compiled word list: single words in a set, multi-word phrases ("job seeker") as token sequences
 * keyed by their first token.
 */
export type WordMatcher = (text: string) => string | null

/**
 * Compiles `contains_any` words into a whole-word matcher; returns the matched word or null.
 * @example compileWords(['vp', 'head of'])('Head of Growth') // 'head of'
 */
export const compileWords = (words: readonly string[]): WordMatcher => {
  const singles = new Map<string, string>()
  const phrases = new Map<string, Array<{ tokens: readonly string[]; word: string }>>()
  for (const word of words) {
    const tokens = tokenize(word)
    const first = tokens[0]
    if (first === undefined) continue
    if (tokens.length === 1) {
      if (!singles.has(first)) singles.set(first, word)
    } else {
      const list = phrases.get(first) ?? []
      list.push({ tokens, word })
      phrases.set(first, list)
    }
  }
  return (text) => {
    const tokens = tokenize(text)
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as string
      const single = singles.get(t)
      if (single !== undefined) return single
      const list = phrases.get(t)
      if (!list) continue
      for (const p of list) {
        let ok = i + p.tokens.length <= tokens.length
        for (let j = 1; ok && j < p.tokens.length; j++) ok = tokens[i + j] === p.tokens[j]
        if (ok) return p.word
      }
    }
    return null
  }
}

/**
 * How a field value reads in a breakdown: `title: "VP Marketing"`, `company.employees: 250`.
 * @example formatEvidence('title', 'VP Marketing') // 'title: "VP Marketing"'
 */
export const formatEvidence = (field: string, value: FieldValue): string => {
  if (value === null) return `${field}: (empty)`
  if (typeof value !== 'string') return `${field}: ${value}`
  const short = value.length > EVIDENCE_MAX ? `${value.slice(0, EVIDENCE_MAX)}…` : value
  return `${field}: ${JSON.stringify(short)}`
}

type Test = (value: FieldValue | undefined) => boolean

const isPathText = (v: string | number | boolean): v is string => typeof v === 'string' && v.startsWith('/')

/** Compiles one condition's operator into a test (normalized values, word sets), shared by fields and properties. */
const compileTest = (c: Condition | PropertyCondition): Test => {
  switch (c.op) {
    case 'equals': {
      const expected = c.value
      if (isPathText(expected)) {
        // Paths compare without query/hash/trailing slash, so `/pricing?utm=x` equals `/pricing`.
        const path = toPath(expected) ?? norm(expected)
        return (v) =>
          v !== null && v !== undefined && (typeof v === 'string' ? (toPath(v) ?? norm(v)) : norm(v)) === path
      }
      if (typeof expected !== 'string') return (v) => looseEquals(v, expected)
      const text = norm(expected)
      return (v) => v !== null && v !== undefined && norm(v) === text
    }
    case 'in': {
      const texts = new Set<string>()
      const numbers = new Set<number>()
      for (const v of c.values) typeof v === 'number' ? numbers.add(v) : texts.add(norm(v))
      return (v) => {
        if (v === null || v === undefined) return false
        if (numbers.size > 0) {
          const n = toNumber(v)
          if (n !== null && numbers.has(n)) return true
        }
        return texts.size > 0 && texts.has(norm(v))
      }
    }
    case 'contains_any': {
      const matcher = compileWords(c.words)
      return (v) => v !== null && v !== undefined && matcher(String(v)) !== null
    }
    case 'range': {
      const { min, max } = c
      return (v) => {
        const n = toNumber(v)
        return n !== null && (min === undefined || n >= min) && (max === undefined || n <= max)
      }
    }
    case 'exists':
      return (v) => !isEmpty(v)
    case 'starts_with': {
      const test = compilePrefix(c.prefix)
      return (v) => v !== null && v !== undefined && test(String(v))
    }
  }
}

// Tests compiled once per condition object (conditions come from a parsed document that is then reused).
const tests = new WeakMap<object, Test>()
const testOf = (c: Condition | PropertyCondition): Test => {
  let t = tests.get(c)
  if (!t) tests.set(c, (t = compileTest(c)))
  return t
}

/**
 * True when the condition holds on the lead (no evidence formatting: the fast path of `score()`).
 * @example matchCondition(lead, { op: 'exists', field: 'phone' })
 */
export const matchCondition = (lead: LeadFacts, c: Condition): boolean => testOf(c)(readField(lead, c.field))

/**
 * Evaluates one condition on a lead; evidence is the field value as a rep would read it.
 * @example evaluateCondition(lead, { op: 'contains_any', field: 'title', words: ['vp'] })
 * // { matched: true, evidence: 'title: "VP Marketing"' }
 */
export const evaluateCondition = (lead: LeadFacts, c: Condition): { matched: boolean; evidence: string } => {
  const value = readField(lead, c.field)
  return { matched: testOf(c)(value), evidence: formatEvidence(c.field, value) }
}

/**
 * The path of a URL or path, without query and hash, lower-case, without a trailing slash; null for
 * values that are neither.
 * @example toPath('https://acme.com/Pricing/?a=1#x') // '/pricing'
 */
export const toPath = (value: string): string | null => {
  // Paths repeat across events and leads (the popup scores thousands): normalize each distinct one once.
  let path = pathCache.get(value)
  if (path === undefined) {
    if (pathCache.size >= 5000) pathCache.clear()
    path = computePath(value)
    if (value.length <= 512) pathCache.set(value, path)
  }
  return path
}
const pathCache = new Map<string, string | null>()

/**
 * Lower-case of short repeated strings (event types), computed once per distinct value.
 * @example lowerCached('Page_View') // 'page_view'
 */
export const lowerCached = (s: string): string => {
  let lower = lowerCache.get(s)
  if (lower === undefined) {
    if (lowerCache.size >= 1000) lowerCache.clear()
    lower = s.toLowerCase()
    if (s.length <= 200) lowerCache.set(s, lower)
  }
  return lower
}
const lowerCache = new Map<string, string>()

const computePath = (value: string): string | null => {
  let v = value.trim()
  if (SCHEME.test(v)) {
    const rest = v.slice(v.indexOf('//') + 2)
    const cut = rest.search(/[/?#]/)
    v = cut < 0 || rest[cut] !== '/' ? '/' : rest.slice(cut)
  }
  if (!v.startsWith('/')) return null
  const end = v.search(/[?#]/)
  if (end >= 0) v = v.slice(0, end)
  v = trimSlashes(v.toLowerCase())
  return v === '' ? '/' : v
}

/** Drops trailing slashes by hand: `/\/+$/` backtracks quadratically on long runs of slashes. */
const trimSlashes = (s: string): string => {
  let end = s.length
  while (end > 0 && s.charCodeAt(end - 1) === 47) end--
  return end === s.length ? s : s.slice(0, end)
}

/** Segment-aware prefix test for paths and URLs; plain case-insensitive prefix for other text. */
const compilePrefix = (prefix: string): ((value: string) => boolean) => {
  const p = prefix.trim()
  if (SCHEME.test(p)) {
    // Whole URLs compare without query/hash, at a segment boundary.
    const strip = (s: string) => {
      const t = s.trim().toLowerCase()
      const cut = t.search(/[?#]/)
      return trimSlashes(cut < 0 ? t : t.slice(0, cut))
    }
    const q = strip(p)
    return (value) => {
      const v = strip(value)
      return v === q || v.startsWith(`${q}/`)
    }
  }
  if (!p.startsWith('/')) {
    const lower = p.toLowerCase()
    return (value) => value.trim().toLowerCase().startsWith(lower)
  }
  const base = toPath(p) ?? p.toLowerCase()
  if (base === '/') return (value) => toPath(value) !== null
  const withSlash = `${base}/`
  return (value) => {
    const path = toPath(value)
    return path !== null && (path === base || path.startsWith(withSlash))
  }
}

/** Reads an event property; `path` falls back to the path of `url` (Segment page events carry both). */
const readProperty = (props: Record<string, PropertyValue>, property: string): FieldValue => {
  const v = own(props, property)
  if (v !== null) return v
  if (property === 'path') {
    const url = own(props, 'url')
    if (typeof url === 'string') return toPath(url)
  }
  return null
}

/** A compiled `where` list: true when every condition holds on the event properties. */
export type PropertiesTest = (props: Record<string, PropertyValue> | null | undefined) => boolean

/**
 * Compiles property conditions once (the fast path of `score()` and `deriveSignals()`).
 * @example compileWhere([{ op: 'equals', property: 'form', value: 'demo_request' }])({ form: 'Demo_Request' }) // true
 */
export const compileWhere = (where: readonly PropertyCondition[]): PropertiesTest => {
  if (where.length === 0) return () => true
  const parts = where.map((c) => ({ property: c.property, test: testOf(c) }))
  return (props) => {
    const p = props ?? {}
    for (const { property, test } of parts) if (!test(readProperty(p, property))) return false
    return true
  }
}

/**
 * Compiles a lead condition once: a test of the lead (no evidence formatting).
 * @example compileCondition({ op: 'exists', field: 'phone' })(lead) // false
 */
export const compileCondition = (c: Condition): ((lead: LeadFacts) => boolean) => {
  const test = testOf(c)
  const field = c.field
  return (lead) => test(readField(lead, field))
}

/**
 * True when every condition holds on the event properties (an empty list always matches).
 * @example matchesProperties({ path: '/pricing/enterprise?x=1' }, [{ op: 'starts_with', property: 'path', prefix: '/pricing' }]) // true
 */
export const matchesProperties = (
  props: Record<string, PropertyValue> | undefined,
  where: readonly PropertyCondition[],
): boolean => {
  if (where.length === 0) return true
  const p = props ?? {}
  for (const c of where) if (!testOf(c)(readProperty(p, c.property))) return false
  return true
}
