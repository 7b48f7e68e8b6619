/**
 * From a lead and its events to the columns a rescore writes and the journey entries it records. Pure:
 * the callers batch the writes.
 * @module
 */
import type { CriteriaDocument, ScoredEvent } from '../../../shared/schemas/criteria'
import { score, type ScoreResult, type Stage } from '../../../shared/scoring/score'
import { isIn, SCORE_DRIVEN } from '../../../shared/lead-status-sets'
import type { LeadRow } from '../../db/queries/leads'
import { leadFacts } from '../../db/queries/leads'
import type { ScoreColumns } from '../../db/queries/score-writes'

/** What a rescore writes: the columns `score-writes.ts` stores per chunk. */
export type ScorePatch = ScoreColumns

export type HistoryDraft = { kind: 'intake' | 'score' | 'status'; data: Record<string, unknown> }

export type ScorePlan = {
  patch: ScorePatch
  history: HistoryDraft[]
  /** Something changed that is worth a write. */
  changed: boolean
  /** The lead now waits for a rep: status `sql` (hot leads are `sql` too) and nobody assigned. */
  needsHandOff: boolean
  result: ScoreResult
}

const RANK: Record<Stage, number> = { new: 0, mql: 1, sql: 2 }
const iso = (ms: number) => new Date(ms).toISOString()

const whyNowOf = (result: ScoreResult, sqlThreshold: number, now: number) => {
  if (result.stage !== 'sql') return null
  if (result.hot) return { summary: result.hot.label, at: iso(result.hot.at), rule: `hot:${result.hot.rule}` }
  return {
    summary: `Score ${result.total} reached the SQL threshold (${sqlThreshold})`,
    at: iso(result.crossedAt ?? now),
    rule: 'threshold:sql',
  }
}

const reasonFor = (from: string, to: Stage, result: ScoreResult, criteria: CriteriaDocument) => {
  if (result.disqualified) return `Disqualified: ${result.disqualified.reason}`
  if (to === 'sql' && result.hot) return `Hot: ${result.hot.label}`
  const up = RANK[to] > RANK[(from as Stage) in RANK ? (from as Stage) : 'new']
  const threshold = to === 'new' ? criteria.thresholds.mql : criteria.thresholds[to]
  return up
    ? `Score ${result.total} reached the ${to.toUpperCase()} threshold (${threshold})`
    : `Score ${result.total} fell below the ${to === 'new' ? 'MQL' : 'SQL'} threshold (${to === 'new' ? criteria.thresholds.mql : criteria.thresholds.sql})`
}

/**
 * Scores a lead and decides its new score columns, status and journey entries.
 * @example const plan = planScore(row, events, criteria.document, criteria.version, ctx.now, 'event')
 */
export const planScore = (
  row: LeadRow,
  events: readonly ScoredEvent[],
  criteria: CriteriaDocument,
  version: number,
  now: number,
  reason: string,
): ScorePlan => {
  const result = score(leadFacts(row), events, criteria, now)
  const follows = isIn(SCORE_DRIVEN, row.status)
  const status = follows ? result.stage : row.status
  const reached = (s: Stage) => follows && RANK[result.stage] >= RANK[s]
  const computedWhy = whyNowOf(result, criteria.thresholds.sql, now)
  const patch: ScorePatch = {
    scoreTotal: result.total,
    scoreFit: result.fit,
    scoreEngagement: result.engagement,
    scoreBreakdown: result.breakdown,
    criteriaVersion: version,
    hot: result.hot !== null,
    disqualifiedReason: result.disqualified?.reason ?? null,
    // A lead a rep already works keeps the reason it was handed over for, even when decay takes the score down.
    whyNow: follows || computedWhy ? computedWhy : row.whyNow,
    status,
    mqlAt: row.mqlAt ?? (reached('mql') ? now : null),
    sqlAt: row.sqlAt ?? (reached('sql') ? now : null),
  }
  const history: HistoryDraft[] = []
  // Decay moves scores a little on every rescore: the journey records moves of half a point or more, and any
  // change a new criteria version makes.
  const delta = Math.abs(row.scoreTotal - result.total)
  if (delta >= 0.5 || (delta > 0 && row.criteriaVersion !== version)) {
    history.push({
      kind: 'score',
      data: {
        from: row.scoreTotal,
        to: result.total,
        fit: result.fit,
        engagement: result.engagement,
        reason,
        criteriaVersion: version,
      },
    })
  }
  if (status !== row.status) {
    history.push({
      kind: 'status',
      data: { from: row.status, to: status, reason: reasonFor(row.status, result.stage, result, criteria) },
    })
  }
  const changed =
    history.length > 0 ||
    row.scoreTotal !== result.total ||
    row.criteriaVersion !== version ||
    row.hot !== patch.hot ||
    row.disqualifiedReason !== patch.disqualifiedReason ||
    JSON.stringify(row.scoreBreakdown) !== JSON.stringify(patch.scoreBreakdown) ||
    JSON.stringify(row.whyNow ?? null) !== JSON.stringify(patch.whyNow ?? null) ||
    row.mqlAt !== patch.mqlAt ||
    row.sqlAt !== patch.sqlAt
  return { patch, history, changed, needsHandOff: status === 'sql' && row.assigneeId === null, result }
}
