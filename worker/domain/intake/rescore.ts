/**
 * Rescoring stored leads: one batched read of leads + events, one chunked batch of writes, then hand-offs.
 * @module
 */
import { eventsForLeadsQueries, groupEvents, type LeadEvent } from '../../db/queries/events'
import { getCurrentCriteria, type StoredCriteria } from '../../db/queries/criteria'
import { historyInserts, type HistoryRow } from '../../db/queries/history'
import { type LeadRow, leadsByIdQueries, runChunked, updateLead } from '../../db/queries/leads'
import type { DomainCtx } from '../context'
import { planScore, type ScorePlan } from './score-plan'
import { handOffAll, historyRows } from './write-plan'

export type RescoreOptions = {
  /** Why (recorded with score changes): `event`, `criteria v3`, … */
  reason?: string
  /** Criteria to score with (default: the current version). */
  criteria?: StoredCriteria
  /** Run the hand-off for leads that qualify (default true). */
  handOff?: boolean
}

/** Leads per read+write round: bounds memory when the criteria change rescores every open lead. */
const ROUND = 450

/**
 * Rescores these leads with their events at `ctx.now`, writes what changed, and hands off those that reached
 * the hand-off threshold with no assignee. Returns the plans by lead id.
 * @example await rescoreLeads(ctx, ['lead_1', 'lead_2'], { reason: 'event' })
 */
export const rescoreLeads = async (ctx: DomainCtx, leadIds: readonly string[], opts: RescoreOptions = {}) => {
  const { db, now } = ctx
  const criteria = opts.criteria ?? (await getCurrentCriteria(db))
  const plans = new Map<string, ScorePlan>()
  const toHandOff: string[] = []
  const ids = [...new Set(leadIds)]
  for (let i = 0; i < ids.length; i += ROUND) {
    const part = ids.slice(i, i + ROUND)
    const leadQueries = leadsByIdQueries(db, part)
    const reads = (await runChunked(db, [...leadQueries, ...eventsForLeadsQueries(db, part)], 100)) as unknown[][]
    const rows = reads.slice(0, leadQueries.length).flat() as LeadRow[]
    const eventsByLead = groupEvents(reads.slice(leadQueries.length).flat() as LeadEvent[])
    const statements: unknown[] = []
    const history: HistoryRow[] = []
    for (const row of rows) {
      const plan = planScore(
        row,
        eventsByLead.get(row.id) ?? [],
        criteria.document,
        criteria.version,
        now,
        opts.reason ?? 'rescore',
      )
      plans.set(row.id, plan)
      if (plan.changed) statements.push(updateLead(db, row.id, { ...plan.patch, updatedAt: now }))
      history.push(...historyRows(row.id, plan.history, now, ctx.actor ?? null))
      if (plan.needsHandOff) toHandOff.push(row.id)
    }
    await runChunked(db, [...statements, ...historyInserts(db, history)], 200)
  }
  if (opts.handOff !== false) await handOffAll(ctx, toHandOff)
  return plans
}

/**
 * Rescores one lead (see {@link rescoreLeads}); null when there is no such lead.
 * @example const plan = await rescoreLead({ ...ctx, now: Date.parse('2026-12-01T00:00:00Z') }, leadId)
 */
export const rescoreLead = async (ctx: DomainCtx, leadId: string, opts: RescoreOptions = {}) =>
  (await rescoreLeads(ctx, [leadId], opts)).get(leadId) ?? null
