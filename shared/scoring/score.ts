/**
 * `score()`: the one shared definition of "qualified", run by the worker on every intake and by the admin
 * popup's live preview over thousands of leads. Pure and deterministic: time comes in as `now`.
 * @module
 */
import type {
  CriteriaDocument,
  Disqualifier,
  EngagementRule,
  FitRule,
  HotSignal,
  LeadFacts,
  PropertyCondition,
  ScoredEvent,
} from '../schemas/criteria'
import type { BreakdownItem } from '../schemas/lead'
import {
  compileCondition,
  compileWhere,
  formatEvidence,
  lowerCached,
  type PropertiesTest,
  readField,
} from './conditions'

export type Stage = 'new' | 'mql' | 'sql'

/** The score of one lead at `now`, with the breakdown a rep reads and what "why now" needs. */
export type ScoreResult = {
  total: number
  fit: number
  engagement: number
  /** Every rule that fired, largest |points| first. `rule` is `fit:<id>`, `engagement:<id>`, `negative:<id>`, `disqualifier:<id>` or `hot:<id>`. */
  breakdown: BreakdownItem[]
  stage: Stage
  /** The first matching disqualifier (`rule` is its bare id); a disqualified lead stays 'new'. */
  disqualified: { rule: string; label: string; reason: string } | null
  /** The most recent hot event (`rule` is the hot signal's bare id, `at` its occurredAt in ms). */
  hot: { rule: string; label: string; at: number } | null
  /** When the lead reached its current stage (occurredAt of the event that pushed it over); null when fit alone did, or stage 'new'. */
  crossedAt: number | null
}

/** A criteria document compiled once, scoring many leads. */
export type Scorer = (lead: LeadFacts, events: readonly ScoredEvent[], now: number) => ScoreResult

const DAY_MS = 86_400_000

const round2 = (n: number) => {
  const r = Math.round(n * 100) / 100
  return r === 0 ? 0 : r
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`)

/**
 * UTC `YYYY-MM-DD` of epoch ms by integer arithmetic (H. Hinnant's civil-from-days): `Date#toISOString`
 * was the largest single cost of scoring a preview sample.
 */
export const isoDate = (ms: number): string => {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return '?'
  const z = Math.floor(ms / DAY_MS) + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${pad2(m)}-${pad2(d)}`
}

const clip = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max)}…` : s)

/**
 * A short reading of event property conditions: `/pricing`, `form=demo_request`.
 * @example describeWhere([{ op: 'starts_with', property: 'path', prefix: '/pricing' }]) // ' /pricing'
 */
export const describeWhere = (where: readonly PropertyCondition[]): string =>
  where
    .map((c) => {
      const pathLike = c.property === 'path' || c.property === 'url'
      switch (c.op) {
        case 'starts_with':
          return pathLike ? ` ${clip(c.prefix)}` : ` ${c.property}^=${clip(c.prefix)}`
        case 'equals':
          return pathLike ? ` ${clip(String(c.value))}` : ` ${c.property}=${clip(String(c.value))}`
        case 'in':
          return ` ${c.property} in ${clip(c.values.join('|'))}`
        case 'contains_any':
          return ` ${c.property}~${clip(c.words.join('|'))}`
        case 'exists':
          return ` with ${c.property}`
      }
    })
    .join('')

type CompiledEngagement = {
  rule: EngagementRule
  type: string
  matches: PropertiesTest
  cap: number
  /** ln(2) / half-life in ms, 0 for no decay. */
  lambda: number
  detail: string
}

type CompiledHot = { rule: HotSignal; type: string; matches: PropertiesTest; withinMs: number; detail: string }

/** One matched event's share of an engagement rule, for the cumulative "when did it cross" pass. */
type Contribution = { t: number; rule: number; points: number }

const fitItem = (kind: 'fit' | 'negative', rule: FitRule, lead: LeadFacts): BreakdownItem => ({
  rule: `${kind}:${rule.id}`,
  label: rule.label,
  points: round2(rule.points),
  evidence: formatEvidence(rule.when.field, readField(lead, rule.when.field)),
})

/**
 * Compiles a criteria document into a scorer: rules are prepared once, so scoring thousands of leads
 * (the popup's preview) costs only the matching.
 * @example const scoreLead = compileCriteria(criteria); scoreLead(lead, events, Date.now())
 */
export const compileCriteria = (criteria: CriteriaDocument): Scorer => {
  const withTest = <R extends { when: FitRule['when'] }>(rules: readonly R[]) =>
    rules.map((rule) => ({ rule, test: compileCondition(rule.when) }))
  const fit = withTest<FitRule>(criteria.fit ?? [])
  const negative = withTest<FitRule>(criteria.negative ?? [])
  const disqualifiers = withTest<Disqualifier>(criteria.disqualifiers ?? [])
  const mql = criteria.thresholds.mql
  const sql = criteria.thresholds.sql
  const engagement: CompiledEngagement[] = (criteria.engagement ?? []).map((rule) => ({
    rule,
    type: lowerCached(rule.eventType),
    matches: compileWhere(rule.where ?? []),
    cap: Math.abs(rule.cap),
    lambda: rule.halfLifeDays ? Math.LN2 / (rule.halfLifeDays * DAY_MS) : 0,
    detail: describeWhere(rule.where ?? []),
  }))
  const hotSignals: CompiledHot[] = (criteria.hot ?? []).map((rule) => ({
    rule,
    type: lowerCached(rule.eventType),
    matches: compileWhere(rule.where ?? []),
    withinMs: typeof rule.withinDays === 'number' ? rule.withinDays * DAY_MS : Number.POSITIVE_INFINITY,
    detail: describeWhere(rule.where ?? []),
  }))

  const byType = (rules: ReadonlyArray<{ type: string }>) => {
    const map = new Map<string, number[]>()
    rules.forEach((rule, i) => map.set(rule.type, [...(map.get(rule.type) ?? []), i]))
    return map
  }
  const engagementByType = byType(engagement)
  const hotByType = byType(hotSignals)
  // Per-lead accumulators, allocated once per compiled document (scoring is synchronous).
  const engSum: number[] = new Array<number>(engagement.length).fill(0)
  const engCount: number[] = new Array<number>(engagement.length).fill(0)
  const engLast: number[] = new Array<number>(engagement.length).fill(0)

  const capped = (sum: number, cap: number) => (sum > cap ? cap : sum < -cap ? -cap : sum)

  // Scratch state of the replay, allocated once per compiled document (scoring is synchronous).
  const sums: number[] = new Array<number>(engagement.length).fill(0)
  const last: number[] = new Array<number>(engagement.length).fill(0)
  const touched: boolean[] = new Array<boolean>(engagement.length).fill(false)

  /**
   * Replays the matched events in time order (each scored as it stood at that moment) and returns the
   * time of the event that last pushed the score from below `threshold` to at or above it.
   */
  const crossingTime = (fitTotal: number, contributions: Contribution[], threshold: number): number | null => {
    if (contributions.length === 0) return null
    contributions.sort((a, b) => a.t - b.t || a.rule - b.rule)
    sums.fill(0)
    last.fill(0)
    touched.fill(false)
    const scoreAt = (t: number) => {
      let eng = 0
      for (let r = 0; r < engagement.length; r++) {
        if (!touched[r]) continue
        const rule = engagement[r] as CompiledEngagement
        if (rule.lambda > 0 && t > last[r]!) {
          sums[r] = sums[r]! * Math.exp(-rule.lambda * (t - last[r]!))
          last[r] = t
        }
        eng += capped(sums[r]!, rule.cap)
      }
      return round2(fitTotal + eng)
    }
    let crossed: number | null = null
    let above = fitTotal >= threshold
    let i = 0
    while (i < contributions.length) {
      const t = (contributions[i] as Contribution).t
      // Decay up to this moment first: a score that faded below the line crosses again with this event.
      if (scoreAt(t) < threshold) above = false
      for (; i < contributions.length && (contributions[i] as Contribution).t === t; i++) {
        const c = contributions[i] as Contribution
        if (!touched[c.rule]) {
          touched[c.rule] = true
          last[c.rule] = t
        }
        sums[c.rule] = sums[c.rule]! + c.points
      }
      const now = scoreAt(t)
      if (now >= threshold && !above) {
        crossed = t
        above = true
      } else if (now < threshold) above = false
    }
    return above ? crossed : null
  }

  return (lead, events, now) => {
    const breakdown: BreakdownItem[] = []
    let fitTotal = 0
    for (const { rule, test } of fit) {
      if (!test(lead)) continue
      const item = fitItem('fit', rule, lead)
      breakdown.push(item)
      fitTotal += item.points
    }
    for (const { rule, test } of negative) {
      if (!test(lead)) continue
      const item = fitItem('negative', rule, lead)
      breakdown.push(item)
      fitTotal += item.points
    }
    fitTotal = round2(fitTotal)

    // One pass over the events; each event visits only the rules of its type.
    engSum.fill(0)
    engCount.fill(0)
    engLast.fill(Number.NEGATIVE_INFINITY)
    const contributions: Contribution[] = []
    let hot: ScoreResult['hot'] = null
    let hotIndex = -1
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as ScoredEvent
      const type = lowerCached(e.type)
      const at = e.occurredAt
      if (!Number.isFinite(at)) continue
      const rules = engagementByType.get(type)
      if (rules) {
        // Future events (clock skew) count as happening now.
        const t = at < now ? at : now
        // A folded row (retention) counts as its `count` events, all at its last time.
        const n = e.count ?? 1
        for (const r of rules) {
          const c = engagement[r] as CompiledEngagement
          if (!c.matches(e.properties)) continue
          const points = c.rule.points * n
          engSum[r] = engSum[r]! + (c.lambda > 0 ? points * Math.exp(-c.lambda * (now - t)) : points)
          engCount[r] = engCount[r]! + n
          if (at > engLast[r]!) engLast[r] = at
          contributions.push({ t, rule: r, points })
        }
      }
      const hots = hotByType.get(type)
      if (hots) {
        for (const h of hots) {
          const signal = hotSignals[h] as CompiledHot
          if (now - at > signal.withinMs) continue
          // The most recent hot event wins; at the same moment, the earlier signal in the document.
          if (hot && (at < hot.at || (at === hot.at && h >= hotIndex))) continue
          if (!signal.matches(e.properties)) continue
          hot = { rule: signal.rule.id, label: signal.rule.label, at }
          hotIndex = h
        }
      }
    }
    let engagementTotal = 0
    for (let r = 0; r < engagement.length; r++) {
      const count = engCount[r]!
      if (count === 0) continue
      const c = engagement[r] as CompiledEngagement
      const points = round2(capped(engSum[r]!, c.cap))
      engagementTotal += points
      breakdown.push({
        rule: `engagement:${c.rule.id}`,
        label: c.rule.label,
        points,
        evidence: `${count}× ${c.rule.eventType}${c.detail}, last ${isoDate(engLast[r]!)}`,
      })
    }
    engagementTotal = round2(engagementTotal)
    const total = round2(fitTotal + engagementTotal)

    let disqualified: ScoreResult['disqualified'] = null
    for (const { rule, test } of disqualifiers) {
      if (!test(lead)) continue
      disqualified = { rule: rule.id, label: rule.label, reason: rule.reason }
      breakdown.push({
        rule: `disqualifier:${rule.id}`,
        label: rule.label,
        points: 0,
        evidence: `${formatEvidence(rule.when.field, readField(lead, rule.when.field))} (${rule.reason})`,
      })
      break
    }

    if (hot) {
      const signal = hotSignals[hotIndex] as CompiledHot
      breakdown.push({
        rule: `hot:${hot.rule}`,
        label: hot.label,
        points: 0,
        evidence: `${signal.rule.eventType}${signal.detail} on ${isoDate(hot.at)}`,
      })
    }

    let stage: Stage = 'new'
    let crossedAt: number | null = null
    if (!disqualified) {
      const byScore: Stage = total >= sql ? 'sql' : total >= mql ? 'mql' : 'new'
      // A hot lead is sql from its hot event; only an earlier crossing of the SQL line by score can precede it.
      const needed = byScore === 'sql' || (byScore === 'mql' && !hot)
      const scoreCrossing = needed ? crossingTime(fitTotal, contributions, byScore === 'sql' ? sql : mql) : null
      if (hot) {
        stage = 'sql'
        crossedAt = byScore === 'sql' && scoreCrossing !== null && scoreCrossing < hot.at ? scoreCrossing : hot.at
      } else {
        stage = byScore
        crossedAt = scoreCrossing
      }
    }

    breakdown.sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
    return { total, fit: fitTotal, engagement: engagementTotal, breakdown, stage, disqualified, hot, crossedAt }
  }
}

const compiled = new WeakMap<CriteriaDocument, Scorer>()

/**
 * Scores a lead against a criteria document at `now` (epoch ms). The compiled form of each document
 * object is cached, so reuse the same (parsed) document object across calls.
 * @example
 * const criteria = CriteriaDocument.parse(DEFAULT_CRITERIA)
 * const { total, stage, breakdown } = score(lead, events, criteria, Date.parse('2026-11-23T10:00:00Z'))
 */
export const score = (
  lead: LeadFacts,
  events: readonly ScoredEvent[],
  criteria: CriteriaDocument,
  now: number,
): ScoreResult => {
  let scorer = compiled.get(criteria)
  if (!scorer) {
    scorer = compileCriteria(criteria)
    compiled.set(criteria, scorer)
  }
  return scorer(lead, events, now)
}
