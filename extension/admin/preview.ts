/**
 * The criteria editor's live preview: the shared scorer over a sample of recent leads, under the current
 * version and under the draft, side by side. Pure (no DOM), so it runs in a Web Worker or a test alike.
 * @module
 */
import type { CriteriaDocument } from '../../shared/schemas/criteria'
import type { PreviewSampleLead } from '../../shared/schemas/intake'
import { compileCriteria, type ScoreResult } from '../../shared/scoring/score'

/** One recent lead as `POST /v1/admin/criteria/preview` returns it in `sample`. */
export type PreviewLead = PreviewSampleLead

/** Where a lead lands: a disqualified lead is out of the funnel whatever its score. */
export type PreviewStage = 'disqualified' | 'new' | 'mql' | 'sql'

/** As the worker's preview counts: `mql` = at MQL or above, `sql` = at SQL. */
export type StageCounts = { mql: number; sql: number; disqualified: number }

export type MovedLead = { id: string; name: string; from: PreviewStage; to: PreviewStage; rule: string }

export type OutcomeCount = { outcome: string; reason: string | null; count: number }

export type PreviewResult = {
  size: number
  current: StageCounts
  draft: StageCounts
  /** Every lead whose stage differs, up (newly qualifying) first, then down. */
  moved: MovedLead[]
  /** Leads reaching a higher qualified stage (MQL or SQL) under the draft. */
  newlyQualifying: { count: number; outcomes: OutcomeCount[] }
  /** Leads falling to a lower stage under the draft. */
  droppingOut: { count: number; outcomes: OutcomeCount[] }
  /** One sentence: "Of 40 leads that would newly qualify, 3 were won and 22 were disqualified as 'student'." */
  summary: string
}

const RANK: Record<PreviewStage, number> = { disqualified: 0, new: 1, mql: 2, sql: 3 }

const stageOf = (r: ScoreResult): PreviewStage => (r.disqualified ? 'disqualified' : r.stage)

const tally = (stages: readonly PreviewStage[]): StageCounts => {
  const counts = { mql: 0, sql: 0, disqualified: 0 }
  for (const s of stages) {
    if (s === 'disqualified') counts.disqualified++
    if (s === 'mql' || s === 'sql') counts.mql++
    if (s === 'sql') counts.sql++
  }
  return counts
}

const leadName = (lead: PreviewLead) => lead.name?.trim() || lead.email || lead.facts.email || lead.id

const OUTCOME_STATUSES = new Set(['accepted', 'disqualified', 'recycled', 'converted', 'won', 'lost'])

/** The lead's latest disposition, else its status when that is already an outcome. */
const outcomeOf = (lead: PreviewLead): { outcome: string; reason: string | null } | null => {
  if (lead.outcome) return lead.outcome
  return OUTCOME_STATUSES.has(lead.status) ? { outcome: lead.status, reason: null } : null
}

/** The rule that explains a move: a disqualifier, a hot signal, the largest change of points, or a threshold. */
const explain = (
  before: ScoreResult,
  after: ScoreResult,
  up: boolean,
  current: CriteriaDocument,
  draft: CriteriaDocument,
  to: PreviewStage,
  from: PreviewStage,
): string => {
  if (after.disqualified && after.disqualified.rule !== before.disqualified?.rule) {
    return `disqualifier '${after.disqualified.label}'`
  }
  if (before.disqualified && !after.disqualified) return `disqualifier '${before.disqualified.label}' no longer applies`
  if (after.hot && !before.hot && up) return `hot signal '${after.hot.label}'`
  if (before.hot && !after.hot && !up) return `hot signal '${before.hot.label}' no longer applies`
  const delta = new Map<string, { label: string; points: number }>()
  for (const item of before.breakdown) delta.set(item.rule, { label: item.label, points: -item.points })
  for (const item of after.breakdown) {
    const d = delta.get(item.rule)
    delta.set(item.rule, { label: item.label, points: (d?.points ?? 0) + item.points })
  }
  let best: { label: string; points: number } | null = null
  for (const d of delta.values()) {
    const signed = up ? d.points : -d.points
    if (signed > 0.005 && (!best || signed > (up ? best.points : -best.points))) best = d
  }
  if (best) return `${best.label} (${best.points > 0 ? '+' : ''}${Math.round(best.points * 100) / 100})`
  const sqlSide = to === 'sql' || from === 'sql'
  const key = sqlSide ? 'sql' : 'mql'
  if (current.thresholds[key] !== draft.thresholds[key]) {
    return `${key.toUpperCase()} threshold ${current.thresholds[key]} → ${draft.thresholds[key]}`
  }
  return 'score change'
}

const countOutcomes = (leads: readonly PreviewLead[]): OutcomeCount[] => {
  const map = new Map<string, OutcomeCount>()
  for (const lead of leads) {
    const known = outcomeOf(lead)
    if (!known) continue
    const reason = known.outcome === 'disqualified' || known.outcome === 'lost' ? known.reason : null
    const key = `${known.outcome}\u0000${reason ?? ''}`
    const entry = map.get(key) ?? { outcome: known.outcome, reason, count: 0 }
    entry.count++
    map.set(key, entry)
  }
  return [...map.values()].sort((a, b) => b.count - a.count || a.outcome.localeCompare(b.outcome))
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

const describeOutcomes = (outcomes: readonly OutcomeCount[]): string => {
  const parts = outcomes.map((o) => {
    const verb = o.count === 1 ? 'was' : 'were'
    return o.reason ? `${o.count} ${verb} ${o.outcome} as '${o.reason}'` : `${o.count} ${verb} ${o.outcome}`
  })
  if (parts.length <= 1) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}

/**
 * The sentence under the numbers.
 * @example summarize(40, outcomes) // "Of 40 leads that would newly qualify, 3 were won and 22 were disqualified as 'student'."
 */
export const summarize = (count: number, outcomes: readonly OutcomeCount[]): string => {
  if (count === 0) return 'No lead in the sample would newly qualify.'
  const head = `Of ${plural(count, 'lead')} that would newly qualify`
  if (outcomes.length === 0) return `${head}, none has an outcome yet.`
  return `${head}, ${describeOutcomes(outcomes)}.`
}

/**
 * Scores every sample lead under one compiled document.
 * @example const results = scoreSample(sample, criteria, Date.now())
 */
export const scoreSample = (sample: readonly PreviewLead[], criteria: CriteriaDocument, now: number): ScoreResult[] => {
  const scoreLead = compileCriteria(criteria)
  return sample.map((lead) => scoreLead(lead.facts, lead.events, now))
}

/**
 * Compares the current version and the draft over the sample. Pass `currentResults` (from `scoreSample`)
 * to skip rescoring the unchanged current version on every keystroke.
 * @example computePreview(sample, current, draft, Date.now()).draft.sql
 */
export const computePreview = (
  sample: readonly PreviewLead[],
  current: CriteriaDocument,
  draft: CriteriaDocument,
  now: number,
  currentResults: readonly ScoreResult[] = scoreSample(sample, current, now),
): PreviewResult => {
  const draftResults = scoreSample(sample, draft, now)
  const before = currentResults.map(stageOf)
  const after = draftResults.map(stageOf)
  const up: MovedLead[] = []
  const down: MovedLead[] = []
  const rising: PreviewLead[] = []
  const falling: PreviewLead[] = []
  sample.forEach((lead, i) => {
    const from = before[i] as PreviewStage
    const to = after[i] as PreviewStage
    if (from === to) return
    const goesUp = RANK[to] > RANK[from]
    const rule = explain(
      currentResults[i] as ScoreResult,
      draftResults[i] as ScoreResult,
      goesUp,
      current,
      draft,
      to,
      from,
    )
    const moved = { id: lead.id, name: leadName(lead), from, to, rule }
    if (goesUp && (to === 'mql' || to === 'sql')) {
      up.push(moved)
      rising.push(lead)
    } else {
      down.push(moved)
      if (!goesUp) falling.push(lead)
    }
  })
  const outcomes = countOutcomes(rising)
  return {
    size: sample.length,
    current: tally(before),
    draft: tally(after),
    moved: [...up, ...down],
    newlyQualifying: { count: rising.length, outcomes },
    droppingOut: { count: falling.length, outcomes: countOutcomes(falling) },
    summary: summarize(rising.length, outcomes),
  }
}
