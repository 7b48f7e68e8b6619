/**
 * Giving a lead to a rep: claim it (only one request can), record the assignment with its rule and reason,
 * start the SLA clock on the rep's calendar, and notify the rep through the outbox.
 * @module
 */
import { insertAlerts } from '../../db/queries/alerts'
import { claimLead, insertAssignment } from '../../db/queries/assignments'
import { historyEntry } from '../../db/queries/history'
import type { LeadRow } from '../../db/queries/leads'
import { getCalendar, type RepRow } from '../../db/queries/reps'
import { insertClock } from '../../db/queries/sla'
import { newId } from '../../lib/crypto'
import { SUBSCRIBER } from '../alerts/lead-events'
import { alertRows } from '../alerts/outbox'
import { deliverSoon } from '../alerts/deliver'
import type { DomainCtx } from '../context'
import { buildPlan } from '../sla/plan'
import type { ChosenPolicy } from '../sla/policy'

export type AssignInput = {
  rep: RepRow
  poolId: string | null
  rule: string
  reason: string
  policy: ChosenPolicy | null
  /** 1 for the lead's first clock, 2 after one breach… (selects the escalation steps). */
  breachOrdinal: number
  /** The assignee the lead must still have (null = unassigned). */
  expectAssigneeId: string | null
  kind: 'assigned' | 'reassigned'
}

/**
 * Assigns and starts the clock. Returns null when another request got the lead first.
 * @example await assignLead(ctx, lead, { rep, poolId, rule, reason, policy, breachOrdinal: 1, expectAssigneeId: null, kind: 'assigned' })
 */
export const assignLead = async (ctx: DomainCtx, lead: LeadRow, a: AssignInput) => {
  const { db, now } = ctx
  if (!(await claimLead(db, lead.id, a.rep.id, a.expectAssigneeId, now))) return null
  const assignmentId = newId('asg')
  const calendar = a.policy?.businessHours ? await getCalendar(db, a.rep.calendarId) : null
  const clock = a.policy ? buildPlan(now, a.policy, calendar, a.breachOrdinal) : null
  const alerts = await alertRows(db, now, {
    kind: a.kind,
    milestone: a.kind,
    lead: { ...lead, assigneeId: a.rep.id, status: 'assigned' },
    rep: a.rep,
    assignmentId,
    dueAt: clock?.dueAt ?? null,
    detail: a.reason,
    to: ['rep'],
  })
  const actor = ctx.actor ?? 'routing'
  await db.batch([
    insertAssignment(db, {
      id: assignmentId,
      leadId: lead.id,
      repId: a.rep.id,
      poolId: a.poolId,
      rule: a.rule,
      reason: a.reason,
      assignedAt: now,
    }),
    historyEntry(db, {
      leadId: lead.id,
      at: now,
      kind: 'assignment',
      actor,
      data: { assignmentId, repId: a.rep.id, repName: a.rep.name, rule: a.rule, reason: a.reason, kind: a.kind },
    }),
    ...(a.policy && clock
      ? [
          insertClock(db, {
            id: newId('clk'),
            leadId: lead.id,
            assignmentId,
            repId: a.rep.id,
            policyId: a.policy.id,
            policyName: a.policy.name,
            startedAt: now,
            dueAt: clock.dueAt,
            nextMilestone: 0,
            nextCheckAt: clock.plan[0]?.at ?? null,
            plan: clock.plan,
          }),
          historyEntry(db, {
            leadId: lead.id,
            at: now,
            kind: 'sla',
            actor,
            data: {
              event: 'started',
              policy: a.policy.name,
              dueAt: new Date(clock.dueAt).toISOString(),
              calendar: calendar?.timeZone ?? '24/7',
            },
          }),
        ]
      : [
          historyEntry(db, {
            leadId: lead.id,
            at: now,
            kind: 'sla',
            actor,
            data: { event: 'no_policy', detail: 'No SLA policy matched: no clock' },
          }),
        ]),
    ...(alerts.length ? [insertAlerts(db, alerts)] : []),
    historyEntry(db, {
      leadId: lead.id,
      at: now,
      kind: 'alert',
      actor,
      data: { milestone: a.kind, recipients: alerts.filter((r) => r.recipient !== SUBSCRIBER).map((r) => r.recipient) },
    }),
  ])
  await deliverSoon(
    ctx,
    alerts.map((r) => r.id),
  )
  return { assignmentId, dueAt: clock?.dueAt ?? null }
}
