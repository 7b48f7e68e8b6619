/**
 * Rescoring stored leads: one batched read of leads + events (+ the criteria), one batch of set-based writes
 * (+ the hand-off reads of the leads that qualify), then the hand-offs' writes.
 * @module
 */
import { eventsForLeadsJsonQuery, groupEvents, type LeadEvent } from '../../db/queries/events'
import { currentCriteriaQuery, resolveCriteria, type StoredCriteria } from '../../db/queries/criteria'
import { HAND_OFF_READS, type HandOffReads, handOffReadQueries, toHandOffReads } from '../../db/queries/handoff-reads'
import type { HistoryRow } from '../../db/queries/history'
import { type LeadRow, leadsByIdJsonQuery, runChunked } from '../../db/queries/leads'
import { historyJsonInserts, scorePatchStatements } from '../../db/queries/score-writes'
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

/** Leads per read+write round: bounds memory. */
const ROUND = 500

/**
 * Rescores these leads with their events at `ctx.now`, writes what changed, and hands off those that reached
 * the hand-off threshold with no assignee. Returns the plans by lead id.
 * @example await rescoreLeads(ctx, ['lead_1', 'lead_2'], { reason: 'event' })
 */
export const rescoreLeads = async (ctx: DomainCtx, leadIds: readonly string[], opts: RescoreOptions = {}) =>
  (await rescoreAfter(ctx, leadIds, opts)).plans

/**
 * {@link rescoreLeads}, with round trips saved for intake: `first` statements (an insert of events) run in the
 * same batch as the first read, which then sees them, and `narrow` picks from their results which of the
 * read leads to rescore. The current criteria come with that read, and each qualifying lead's hand-off read
 * comes with the write batch, so an event that qualifies a lead costs a read, this batch, the write batch
 * and the hand-off's own write. Returns the plans and the results of `first`.
 * @example const { plans, first } = await rescoreAfter(ctx, ids, { reason: 'event' }, { statements, narrow })
 */
export const rescoreAfter = async (
  ctx: DomainCtx,
  leadIds: readonly string[],
  opts: RescoreOptions = {},
  before: { statements: readonly unknown[]; narrow?: (results: unknown[]) => ReadonlySet<string> } = {
    statements: [],
  },
) => {
  const { db, now } = ctx
  let criteria = opts.criteria
  const plans = new Map<string, ScorePlan>()
  const toHandOff: string[] = []
  const prefetched = new Map<string, HandOffReads>()
  const ids = [...new Set(leadIds)]
  let first: unknown[] = []
  let keep: ReadonlySet<string> | null = null
  for (let i = 0; i < ids.length; i += ROUND) {
    const part = ids.slice(i, i + ROUND)
    // Two statements whatever the round's size: the ids travel as one JSON text each.
    const leadQueries = [leadsByIdJsonQuery(db, part)]
    const head = i === 0 ? [...before.statements, ...(criteria ? [] : [currentCriteriaQuery(db)])] : []
    const reads = (await runChunked(
      db,
      [...head, ...leadQueries, eventsForLeadsJsonQuery(db, part)],
      100,
    )) as unknown[][]
    if (i === 0) {
      first = reads.slice(0, before.statements.length)
      keep = before.narrow ? before.narrow(first) : null
      criteria ??= await resolveCriteria(db, reads[before.statements.length] as Parameters<typeof resolveCriteria>[1])
    }
    const body = reads.slice(head.length)
    const rows = (body.slice(0, leadQueries.length).flat() as LeadRow[]).filter((r) => !keep || keep.has(r.id))
    const eventsByLead = groupEvents(body.slice(leadQueries.length).flat() as LeadEvent[])
    const changed: Array<{ id: string; patch: ScorePlan['patch'] }> = []
    const history: HistoryRow[] = []
    const qualifying: string[] = []
    for (const row of rows) {
      const plan = planScore(
        row,
        eventsByLead.get(row.id) ?? [],
        criteria!.document,
        criteria!.version,
        now,
        opts.reason ?? 'rescore',
      )
      plans.set(row.id, plan)
      if (plan.changed) changed.push({ id: row.id, patch: plan.patch })
      history.push(...historyRows(row.id, plan.history, now, ctx.actor ?? null))
      if (plan.needsHandOff) qualifying.push(row.id)
    }
    // Set-based: a constant number of statements per round, whatever the number of changed leads.
    const writes = [...scorePatchStatements(db, changed, now), ...historyJsonInserts(db, history)]
    // The hand-off reads go after the writes, in their batch: they see the new scores.
    const handOffReads = opts.handOff === false ? [] : qualifying.flatMap((id) => handOffReadQueries(db, id))
    const results = await runChunked(db, [...writes, ...handOffReads], 200)
    qualifying.forEach((id, k) => {
      const at = writes.length + k * HAND_OFF_READS
      if (handOffReads.length) prefetched.set(id, toHandOffReads(results.slice(at, at + HAND_OFF_READS)))
    })
    toHandOff.push(...qualifying)
  }
  if (opts.handOff !== false) await handOffAll(ctx, toHandOff, prefetched)
  return { plans, first }
}

/**
 * Rescores one lead (see {@link rescoreLeads}); null when there is no such lead.
 * @example const plan = await rescoreLead({ ...ctx, now: Date.parse('2026-12-01T00:00:00Z') }, leadId)
 */
export const rescoreLead = async (ctx: DomainCtx, leadId: string, opts: RescoreOptions = {}) =>
  (await rescoreLeads(ctx, [leadId], opts)).get(leadId) ?? null
