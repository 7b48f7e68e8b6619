/**
 * Interests and objections derived from engagement, each linked to its enablement content
 * ("objection busters"), for the lead brief.
 * @module
 */
import type { CriteriaDocument, ScoredEvent, SignalRule } from '../schemas/criteria'
import type { Signal } from '../schemas/lead'
import { compileWhere, lowerCached, type PropertiesTest, toPath } from './conditions'

const PAGE_TYPES = new Set(['page_view', 'page', 'pageview', 'page_visit'])

const times = (n: number) => (n === 1 ? 'once' : `${n} times`)

/** How the usual event types read in a sentence; other types read as themselves. */
const ACTIONS = new Map<string, string>(
  Object.entries({
    content_download: 'downloaded content',
    webinar_attended: 'attended a webinar',
    webinar_registered: 'registered for a webinar',
    email_click: 'clicked an email',
    email_open: 'opened an email',
    form_submit: 'submitted a form',
    meeting_booked: 'booked a meeting',
  }),
)

/** What the matched events say, e.g. 'visited /pricing 3 times', 'attended a webinar 2 times'. */
const describe = (rule: SignalRule, matched: readonly ScoredEvent[], latest: ScoredEvent): string => {
  const where = rule.where ?? []
  const pathCond = where.find(
    (c) => (c.property === 'path' || c.property === 'url') && (c.op === 'starts_with' || c.op === 'equals'),
  )
  const pageLike = matched.every((e) => PAGE_TYPES.has(lowerCached(e.type)))
  // Folded rows (retention) stand for several events each.
  const n = matched.reduce((sum, e) => sum + (e.count ?? 1), 0)
  if (pageLike) {
    let path: string | null = null
    if (pathCond?.op === 'starts_with') path = pathCond.prefix
    else if (pathCond?.op === 'equals') path = String(pathCond.value)
    else {
      const p = latest.properties?.path ?? latest.properties?.url
      path = typeof p === 'string' ? toPath(p) : null
    }
    return path ? `visited ${path.length > 80 ? `${path.slice(0, 80)}…` : path} ${times(n)}` : `visited ${times(n)}`
  }
  const type = rule.eventType ?? latest.type
  return `${ACTIONS.get(lowerCached(type)) ?? type} ${times(n)}`
}

type CompiledSignal = { rule: SignalRule; type: string | null; order: number; matches: PropertiesTest }
const cache = new WeakMap<CriteriaDocument, CompiledSignal[]>()

/**
 * Each signal rule matching at least one event becomes an interest or an objection, most recent first.
 * @example
 * deriveSignals([{ type: 'page_view', occurredAt: t, properties: { path: '/pricing' } }], criteria)
 * // { interests: [{ key: 'pricing', label: 'Pricing', evidence: 'visited /pricing once', content: [] }], objections: [...] }
 */
export const deriveSignals = (
  events: readonly ScoredEvent[],
  criteria: CriteriaDocument,
): { interests: Signal[]; objections: Signal[] } => {
  let rules = cache.get(criteria)
  if (!rules) {
    rules = (criteria.signals ?? []).map((rule, order) => ({
      rule,
      type: rule.eventType ? lowerCached(rule.eventType) : null,
      order,
      matches: compileWhere(rule.where ?? []),
    }))
    cache.set(criteria, rules)
  }
  const found: Array<{ kind: SignalRule['kind']; at: number; order: number; signal: Signal }> = []
  for (const { rule, type, order, matches } of rules) {
    const matched: ScoredEvent[] = []
    let latest: ScoredEvent | null = null
    for (const e of events) {
      if (type !== null && lowerCached(e.type) !== type) continue
      if (!matches(e.properties)) continue
      matched.push(e)
      if (!latest || e.occurredAt > latest.occurredAt) latest = e
    }
    if (!latest) continue
    found.push({
      kind: rule.kind,
      at: latest.occurredAt,
      order,
      signal: {
        key: rule.id,
        label: rule.label,
        evidence: describe(rule, matched, latest),
        content: rule.content ?? [],
      },
    })
  }
  found.sort((a, b) => b.at - a.at || a.order - b.order)
  // Rules sharing a kind and label (e.g. /compare and /vs: "evaluating a competitor") read as one signal.
  const merged = new Map<string, Signal>()
  const out = { interests: [] as Signal[], objections: [] as Signal[] }
  for (const f of found) {
    const key = `${f.kind}\u0000${f.signal.label.toLowerCase()}`
    const prior = merged.get(key)
    if (prior) {
      prior.evidence = `${prior.evidence}; ${f.signal.evidence}`
      for (const link of f.signal.content) if (!prior.content.some((l) => l.url === link.url)) prior.content.push(link)
      continue
    }
    const signal = { ...f.signal, content: [...f.signal.content] }
    merged.set(key, signal)
    ;(f.kind === 'interest' ? out.interests : out.objections).push(signal)
  }
  return out
}
