/**
 * The hand-off: a lead at the threshold is routed, assigned, put on an SLA clock, and its rep is told.
 * Two D1 round trips: one batched read of everything it needs (`handOffReads`), one guarded batch of every
 * write (the pool's round-robin compare-and-set, the claim, the assignment, the clock, the journey and the
 * outbox). Routing, the policy and the alerts are decided in memory between the two.
 * @module
 */
import type { BatchItem } from 'drizzle-orm/batch'
import { isIn, SCORE_DRIVEN } from '../../shared/lead-status-sets'
import { insertAlerts, type NewAlert } from '../db/queries/alerts'
import { claimHeld, claimStatement } from '../db/queries/assignments'
import { type HandOffReads, handOffReads } from '../db/queries/handoff-reads'
import { historyEntry } from '../db/queries/history'
import { casRrStatement } from '../db/queries/pools'
import { leadEventRowsFrom } from './alerts/lead-events'
import { alertRowsFrom, type RecipientBook, recipientsFrom } from './alerts/outbox'
import { deliverSoon } from './alerts/deliver'
import type { DomainCtx } from './context'
import { type AssignInput, assignmentAlert, assignmentStatements, planAssignment } from './routing/assign'
import { leadFacts } from './routing/facts'
import { backOff } from './routing/pick'
import { decideRoute } from './routing/route'
import { choosePolicyFrom } from './sla/policy'

/** Attempts when concurrent hand-offs keep advancing the same pool's round robin first. */
const MAX_ATTEMPTS = 200

type Batch = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]

/** A hand-off decided in memory from its read: its batch, and where the batch's decisive results are. */
export type HandOffPlan = {
  statements: BatchItem<'sqlite'>[]
  /** Index of the round-robin compare-and-set in `statements`, or -1. */
  casAt: number
  /** Index of the claim in `statements`, or -1 when nobody can take the lead (the managers' queue). */
  claimAt: number
  /** Alerts to deliver whatever happens (the qualification, no eligible rep). */
  notices: string[]
  /** Alerts to deliver when the claim holds (the assignment). */
  alerts: string[]
  decision: ReturnType<typeof decideRoute>
}

/** What a hand-off's batch did: assigned, queued for the managers, taken by another call, or lost its pool's race. */
export type HandOffOutcome = 'claimed' | 'queued' | 'taken' | 'lost'

/**
 * Decides a lead's hand-off from its read (and `snapshot`, the routing state to decide from: the read's
 * unless a batch of hand-offs carries it on), without writing; null when the lead needs no hand-off.
 * @example const plan = planHandOff(ctx, read.lead.id, read)
 */
export const planHandOff = (
  ctx: DomainCtx,
  leadId: string,
  read: HandOffReads,
  snapshot = read.snapshot,
): HandOffPlan | null => {
  const { db, now } = ctx
  const { lead } = read
  if (!lead || lead.assigneeId !== null || !isIn(SCORE_DRIVEN, lead.status)) return null
  const book: RecipientBook = {
    managerOf: (rep) => (rep.managerId ? snapshot.reps.get(rep.managerId) : undefined),
    managersChannelId: read.managersChannelId,
  }
  const actor = ctx.actor ?? 'routing'
  // Subscribers hear of the qualification once per time the lead reached the threshold, however often the
  // hand-off is retried (the dedupe key holds).
  const notices: NewAlert[] = leadEventRowsFrom(read.facts, now, {
    type: 'lead.qualified',
    leadId,
    key: String(lead.sqlAt ?? 'hot'),
    lead,
    reason: (lead.whyNow as { summary?: string } | null)?.summary ?? null,
  })
  const decision = decideRoute(snapshot, lead, now)
  const unguarded: BatchItem<'sqlite'>[] = []
  if (decision.noEligible) {
    const request = {
      kind: 'no_eligible_rep' as const,
      milestone: 'no_eligible_rep',
      lead,
      rep: null,
      assignmentId: null,
      dueAt: null,
      detail: decision.reason,
      to: ['managers_channel' as const],
    }
    notices.push(...alertRowsFrom(now, request, recipientsFrom(book, null, request.to), null))
    unguarded.push(
      historyEntry(db, {
        leadId,
        at: now,
        kind: 'alert',
        actor,
        data: { milestone: 'no_eligible_rep', reason: decision.reason },
      }),
    )
  }
  if (notices.length) unguarded.unshift(insertAlerts(db, notices))
  const noticeIds = notices.map((r) => r.id)
  if (!decision.rep) {
    const queued = historyEntry(db, {
      leadId,
      at: now,
      kind: 'assignment',
      actor,
      data: { queue: 'managers', rule: decision.rule, reason: decision.reason },
    })
    return { statements: [...unguarded, queued], casAt: -1, claimAt: -1, notices: noticeIds, alerts: [], decision }
  }
  const rep = decision.rep
  const input: AssignInput = {
    rep,
    poolId: decision.poolId,
    rule: decision.rule,
    reason: decision.reason,
    policy: choosePolicyFrom(read.policies, { hot: lead.hot, status: lead.status, facts: leadFacts(lead) }),
    breachOrdinal: read.breaches + 1,
    expectAssigneeId: null,
    kind: 'assigned',
  }
  const plan = planAssignment(now, input, rep.calendarId ? (snapshot.calendars.get(rep.calendarId) ?? null) : null)
  const request = assignmentAlert(lead, input, plan)
  const assignee = { id: rep.id, name: rep.name, email: rep.email, crmOwnerIds: rep.crmOwnerIds }
  const alerts = alertRowsFrom(now, request, recipientsFrom(book, rep, request.to), {
    ...read.facts,
    lead: request.lead,
    assignee,
  })
  const step = decision.step
  const cas = step ? casRrStatement(db, step.poolId, step.version, step.state) : null
  const claim = claimStatement(db, leadId, rep.id, plan.assignmentId, now, !!cas)
  const guarded = assignmentStatements(db, ctx, lead, input, plan, alerts, claimHeld(leadId, plan.assignmentId))
  return {
    statements: [...unguarded, ...(cas ? [cas] : []), claim, ...guarded],
    casAt: cas ? unguarded.length : -1,
    claimAt: unguarded.length + (cas ? 1 : 0),
    notices: noticeIds,
    alerts: alerts.map((r) => r.id),
    decision,
  }
}

/**
 * What a plan's statements did, from the batch results starting at `offset`.
 * @example const outcome = handOffOutcome(plan, results)
 */
export const handOffOutcome = (plan: HandOffPlan, results: readonly unknown[], offset = 0): HandOffOutcome => {
  if (plan.claimAt < 0) return 'queued'
  if ((results[offset + plan.claimAt] as unknown[]).length === 1) return 'claimed'
  return plan.casAt >= 0 && (results[offset + plan.casAt] as unknown[]).length === 0 ? 'lost' : 'taken'
}

/** The alerts to deliver after an outcome other than `lost`. */
export const deliverable = (plan: HandOffPlan, outcome: HandOffOutcome) =>
  outcome === 'claimed' ? [...plan.notices, ...plan.alerts] : plan.notices

/**
 * Called after every rescore that leaves a lead at the hand-off threshold (status `sql`, or hot) with no
 * assignee: routes it, records the assignment, starts its SLA clock and notifies the rep, all in this request.
 * Safe to call concurrently and repeatedly: only one call assigns. When nobody can take the lead it stays in
 * the managers' queue (status unchanged, assignee null) and the managers' channel is alerted once.
 * `prefetched`: the read, already done in the caller's last batch (after its writes), for the first attempt.
 * @example await handOff(ctx, lead.id)
 */
export const handOff = async (ctx: DomainCtx, leadId: string, prefetched?: HandOffReads): Promise<void> => {
  const { db } = ctx
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const read = attempt === 0 && prefetched ? prefetched : await handOffReads(db, leadId)
    const plan = planHandOff(ctx, leadId, read)
    if (!plan) return
    const outcome = handOffOutcome(plan, await db.batch(plan.statements as unknown as Batch))
    if (outcome !== 'lost') {
      await deliverSoon(ctx, deliverable(plan, outcome))
      return
    }
    // Another hand-off advanced this pool's round robin first: read again and pick from the new state.
    await backOff(attempt)
  }
  throw new Error(`hand-off of ${leadId}: too much round-robin contention`)
}
