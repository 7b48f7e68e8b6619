/**
 * Giving a lead to a rep: claim it (only one request can), record the assignment with its rule and reason,
 * start the SLA clock on the rep's calendar, and notify the rep through the outbox.
 * @module
 */
import type { SQL } from 'drizzle-orm'
import type { Calendar } from '../../../shared/time/calendar'
import type { Db } from '../../app-env'
import { guardedAlertInsert, insertAlerts, type NewAlert } from '../../db/queries/alerts'
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

/** What an assignment will write, decided before anything is written. */
export type AssignmentPlan = {
  assignmentId: string
  clock: ReturnType<typeof buildPlan> | null
  calendar: Calendar | null
}

/**
 * The new assignment's id and its SLA clock planned on the rep's calendar (pure).
 * @example const plan = planAssignment(now, input, calendar)
 */
export const planAssignment = (now: number, a: AssignInput, calendar: Calendar | null): AssignmentPlan => {
  const cal = a.policy?.businessHours ? calendar : null
  return {
    assignmentId: newId('asg'),
    clock: a.policy ? buildPlan(now, a.policy, cal, a.breachOrdinal) : null,
    calendar: cal,
  }
}

/** The alert request of an assignment: the rep hears of it, subscribers get the matching event. */
export const assignmentAlert = (lead: LeadRow, a: AssignInput, plan: AssignmentPlan) => ({
  kind: a.kind,
  milestone: a.kind,
  lead: { ...lead, assigneeId: a.rep.id, status: 'assigned' },
  rep: a.rep,
  assignmentId: plan.assignmentId,
  dueAt: plan.clock?.dueAt ?? null,
  detail: a.reason,
  to: ['rep' as const],
})

/**
 * The writes of an assignment, not executed: the assignment, its clock, the journey and the outbox rows.
 * With `guard`, each writes only while it holds (the hand-off's claim, in the same batch).
 * @example await db.batch([claim, ...assignmentStatements(db, ctx, lead, input, plan, alerts, claimHeld(lead.id, plan.assignmentId))])
 */
export const assignmentStatements = (
  db: Db,
  ctx: Pick<DomainCtx, 'now' | 'actor'>,
  lead: LeadRow,
  a: AssignInput,
  plan: AssignmentPlan,
  alerts: NewAlert[],
  guard?: SQL,
) => {
  const { now } = ctx
  const { assignmentId, clock, calendar } = plan
  const actor = ctx.actor ?? 'routing'
  const history = (entry: Parameters<typeof historyEntry>[1]) => historyEntry(db, entry, guard)
  const assignment = {
    id: assignmentId,
    leadId: lead.id,
    repId: a.rep.id,
    poolId: a.poolId,
    rule: a.rule,
    reason: a.reason,
    assignedAt: now,
  }
  const clockRow =
    a.policy && clock
      ? {
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
        }
      : null
  return [
    insertAssignment(db, assignment, guard),
    history({
      leadId: lead.id,
      at: now,
      kind: 'assignment',
      actor,
      data: { assignmentId, repId: a.rep.id, repName: a.rep.name, rule: a.rule, reason: a.reason, kind: a.kind },
    }),
    ...(a.policy && clockRow
      ? [
          insertClock(db, clockRow, guard),
          history({
            leadId: lead.id,
            at: now,
            kind: 'sla',
            actor,
            data: {
              event: 'started',
              policy: a.policy.name,
              dueAt: new Date(clockRow.dueAt).toISOString(),
              calendar: calendar?.timeZone ?? '24/7',
            },
          }),
        ]
      : [
          history({
            leadId: lead.id,
            at: now,
            kind: 'sla',
            actor,
            data: { event: 'no_policy', detail: 'No SLA policy matched: no clock' },
          }),
        ]),
    ...(guard
      ? alerts.map((row) => guardedAlertInsert(db, row, guard))
      : alerts.length
        ? [insertAlerts(db, alerts)]
        : []),
    history({
      leadId: lead.id,
      at: now,
      kind: 'alert',
      actor,
      data: { milestone: a.kind, recipients: alerts.filter((r) => r.recipient !== SUBSCRIBER).map((r) => r.recipient) },
    }),
  ]
}

/**
 * Assigns and starts the clock: a claim, then one batch. Returns null when another request got the lead first.
 * @example await assignLead(ctx, lead, { rep, poolId, rule, reason, policy, breachOrdinal: 1, expectAssigneeId: null, kind: 'assigned' })
 */
export const assignLead = async (ctx: DomainCtx, lead: LeadRow, a: AssignInput) => {
  const { db, now } = ctx
  if (!(await claimLead(db, lead.id, a.rep.id, a.expectAssigneeId, now))) return null
  const plan = planAssignment(now, a, a.policy?.businessHours ? await getCalendar(db, a.rep.calendarId) : null)
  const alerts = await alertRows(db, now, assignmentAlert(lead, a, plan))
  const [first, ...rest] = assignmentStatements(db, ctx, lead, a, plan, alerts)
  await db.batch([first!, ...rest])
  await deliverSoon(
    ctx,
    alerts.map((r) => r.id),
  )
  return { assignmentId: plan.assignmentId, dueAt: plan.clock?.dueAt ?? null }
}
