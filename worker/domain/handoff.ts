/**
 * The hand-off: a lead at the threshold is routed, assigned, put on an SLA clock, and its rep is told.
 * @module
 */
import { isIn, SCORE_DRIVEN } from '../../shared/lead-status-sets'
import { insertAlerts } from '../db/queries/alerts'
import { historyEntry } from '../db/queries/history'
import { getLead } from '../db/queries/leads'
import { leadEventRows } from './alerts/lead-events'
import { alertRows } from './alerts/outbox'
import { deliverSoon } from './alerts/deliver'
import type { DomainCtx } from './context'
import { assignLead } from './routing/assign'
import { leadFacts } from './routing/facts'
import { routeLead } from './routing/route'
import { breachedClockCount } from '../db/queries/sla'
import { choosePolicy } from './sla/policy'

/**
 * Called after every rescore that leaves a lead at the hand-off threshold (status `sql`, or hot) with no
 * assignee: routes it, records the assignment, starts its SLA clock and notifies the rep, all in this request.
 * Safe to call concurrently and repeatedly: only one call assigns. When nobody can take the lead it stays in
 * the managers' queue (status unchanged, assignee null) and the managers' channel is alerted once.
 * @example await handOff(ctx, lead.id)
 */
export const handOff = async (ctx: DomainCtx, leadId: string): Promise<void> => {
  const lead = await getLead(ctx.db, leadId)
  if (!lead || lead.assigneeId !== null || !isIn(SCORE_DRIVEN, lead.status)) return
  // Subscribers hear of the qualification once per time the lead reached the threshold, however often the
  // hand-off is retried.
  const qualified = await leadEventRows(ctx.db, ctx.now, {
    type: 'lead.qualified',
    leadId,
    key: String(lead.sqlAt ?? 'hot'),
    lead,
    reason: (lead.whyNow as { summary?: string } | null)?.summary ?? null,
  })
  if (qualified.length) await insertAlerts(ctx.db, qualified)
  const alertIds: string[] = qualified.map((r) => r.id)
  const decision = await routeLead(ctx, lead)
  if (decision.noEligible) {
    const rows = await alertRows(ctx.db, ctx.now, {
      kind: 'no_eligible_rep',
      milestone: 'no_eligible_rep',
      lead,
      rep: null,
      assignmentId: null,
      dueAt: null,
      detail: decision.reason,
      to: ['managers_channel'],
    })
    await ctx.db.batch([
      insertAlerts(ctx.db, rows),
      historyEntry(ctx.db, {
        leadId,
        at: ctx.now,
        kind: 'alert',
        actor: ctx.actor ?? 'routing',
        data: { milestone: 'no_eligible_rep', reason: decision.reason },
      }),
    ])
    alertIds.push(...rows.map((r) => r.id))
  }
  if (decision.rep) {
    const policy = await choosePolicy(ctx.db, { hot: lead.hot, status: lead.status, facts: leadFacts(lead) })
    await assignLead(ctx, lead, {
      rep: decision.rep,
      poolId: decision.poolId,
      rule: decision.rule,
      reason: decision.reason,
      policy,
      breachOrdinal: (await breachedClockCount(ctx.db, leadId)) + 1,
      expectAssigneeId: null,
      kind: 'assigned',
    })
  } else {
    await historyEntry(ctx.db, {
      leadId,
      at: ctx.now,
      kind: 'assignment',
      actor: ctx.actor ?? 'routing',
      data: { queue: 'managers', rule: decision.rule, reason: decision.reason },
    })
  }
  await deliverSoon(ctx, alertIds)
}
