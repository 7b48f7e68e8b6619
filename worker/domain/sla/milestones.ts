/**
 * The cron's SLA work: for each clock with a milestone due, process milestones in order. Each milestone moves
 * `next_milestone` with compare-and-set in the same D1 batch as its outbox rows, so overlapping or repeated
 * ticks process it once and its alerts exist once.
 * @module
 */
import { insertAlerts, type NewAlert } from '../../db/queries/alerts'
import { endAssignment, reopenAssignment } from '../../db/queries/assignments'
import { getSlaPolicy } from '../../db/queries/config'
import { historyEntry } from '../../db/queries/history'
import { getLead, getLeadsById, type LeadRow } from '../../db/queries/leads'
import { getPool } from '../../db/queries/pools'
import { getRep, getRepsById, type RepRow } from '../../db/queries/reps'
import { breachedClockCount, type ClockRow, dueClocks, stopClock } from '../../db/queries/sla'
import { advanceMilestone, type MilestoneEntry, skipMilestone } from '../../db/queries/sla-advance'
import { alertRows } from '../alerts/outbox'
import type { AlertKind } from '../alerts/payload'
import type { DomainCtx } from '../context'
import { recordDisposition } from '../disposition'
import { assignLead } from '../routing/assign'
import { describeSkips, pickFromPool } from '../routing/pick'
import type { PlanItem } from './plan'
import { toChosen } from './policy'

const KIND: Record<'warning' | 'breach' | 'alert', AlertKind> = {
  warning: 'warning',
  breach: 'breach',
  alert: 'escalation',
}

/**
 * Advances the clock past milestone `n`, writes its journey entries and enqueues its alerts in one atomic batch.
 * True when this call advanced it.
 */
const advanceWithAlerts = (ctx: DomainCtx, clock: ClockRow, n: number, item: PlanItem, rows: NewAlert[]) => {
  const plan = clock.plan as PlanItem[]
  const entries: MilestoneEntry[] = [
    {
      leadId: clock.leadId,
      at: ctx.now,
      kind: 'sla',
      actor: 'cron',
      data: { event: item.key, kind: item.kind, milestoneAt: new Date(item.at).toISOString() },
    },
    ...(rows.length
      ? [
          {
            leadId: clock.leadId,
            at: ctx.now,
            kind: 'alert' as const,
            actor: 'cron',
            data: { milestone: item.key, recipients: rows.map((r) => r.recipient) },
          },
        ]
      : []),
  ]
  return advanceMilestone(
    ctx.db,
    { clockId: clock.id, n, nextCheckAt: plan[n + 1]?.at ?? null, breachedAt: item.kind === 'breach' ? item.at : null },
    entries,
    rows,
  )
}

/**
 * Escalation by reassignment: end the breached assignment (only one tick can), then hand the lead to the next
 * eligible rep of the same pool, excluding the current one, with a new clock. The breach stays on the first
 * clock. With nobody else eligible the lead stays and the managers' channel is told.
 */
const reassign = async (ctx: DomainCtx, clock: ClockRow, n: number, item: PlanItem) => {
  const advance = () =>
    skipMilestone(ctx.db, {
      clockId: clock.id,
      n,
      nextCheckAt: (clock.plan as PlanItem[])[n + 1]?.at ?? null,
      breachedAt: null,
    })
  const lead = await getLead(ctx.db, clock.leadId)
  if (!lead || lead.assigneeId !== clock.repId || lead.firstTouchAt !== null || lead.status !== 'assigned') {
    await advance() // nothing to reassign any more: skip the step so the clock does not stay due
    return
  }
  const assignment = await endAssignment(ctx.db, clock.assignmentId, ctx.now, 'sla_breach')
  if (!assignment) return
  // We own this escalation: move the clock past it (recorded in the SLA history), whatever happens next.
  await advance()
  await historyEntry(ctx.db, {
    leadId: clock.leadId,
    at: ctx.now,
    kind: 'sla',
    actor: 'cron',
    data: { event: item.key, action: 'reassign' },
  })
  const current = clock.repId ? await getRep(ctx.db, clock.repId) : undefined
  const pick = assignment.poolId ? await pickFromPool(ctx, assignment.poolId, new Set([clock.repId ?? ''])) : null
  const pool = pick?.pool ?? (assignment.poolId ? await getPool(ctx.db, assignment.poolId) : undefined)
  const fallback =
    !pick?.rep && pool?.fallbackRepId && pool.fallbackRepId !== clock.repId
      ? await getRep(ctx.db, pool.fallbackRepId)
      : undefined
  const target = pick?.rep ?? fallback
  const policyRow = clock.policyId ? await getSlaPolicy(ctx.db, clock.policyId) : undefined
  if (target) {
    await stopClock(ctx.db, clock.id, ctx.now)
    const skips = pick ? describeSkips(pick.skipped) : ''
    await assignLead(ctx, lead, {
      rep: target,
      poolId: assignment.poolId,
      rule: 'reassign',
      reason: [
        `SLA breach by ${current?.name ?? 'the previous rep'} (${clock.policyName})`,
        pick?.rep ? `pool ${pool?.name} weighted round robin` : 'fallback owner',
        skips,
      ]
        .filter(Boolean)
        .join('; '),
      policy: policyRow ? toChosen(policyRow) : null,
      breachOrdinal: (await breachedClockCount(ctx.db, lead.id)) + 1,
      expectAssigneeId: clock.repId,
      kind: 'reassigned',
    })
    return
  }
  // Nobody to take over: keep the lead where it is (re-open the assignment) and tell the managers.
  await reopenAssignment(ctx.db, assignment.id)
  const rows = await alertRows(ctx.db, ctx.now, {
    kind: 'no_eligible_rep',
    milestone: `${item.key}_no_eligible_rep`,
    lead,
    rep: current,
    assignmentId: clock.assignmentId,
    dueAt: clock.dueAt,
    detail: `Reassignment after an SLA breach found nobody eligible${pick ? ` (${describeSkips(pick.skipped)})` : ''}`,
    to: ['managers_channel'],
  })
  await ctx.db.batch([
    insertAlerts(ctx.db, rows),
    historyEntry(ctx.db, {
      leadId: lead.id,
      at: ctx.now,
      kind: 'alert',
      actor: 'cron',
      data: { milestone: 'reassign_failed', recipients: ['managers_channel'] },
    }),
  ])
}

/**
 * The stale-lead lifecycle: a lead still untouched at the policy's `recycle` step is recycled by the system
 * (as a rep's "recycled" would: status, clock stopped, outbound event), the rep and their manager are told,
 * and it leaves the rep's queue for the managers' queue (returned). Ending the assignment is the claim, so
 * of overlapping ticks exactly one recycles and alerts.
 */
const recycleStale = async (ctx: DomainCtx, clock: ClockRow, n: number, item: PlanItem) => {
  const advance = () =>
    skipMilestone(ctx.db, {
      clockId: clock.id,
      n,
      nextCheckAt: (clock.plan as PlanItem[])[n + 1]?.at ?? null,
      breachedAt: null,
    })
  const lead = await getLead(ctx.db, clock.leadId)
  if (!lead || lead.assigneeId !== clock.repId || lead.firstTouchAt !== null || lead.status !== 'assigned') {
    await advance() // touched, closed or moved on since: nothing to recycle
    return
  }
  if (!(await endAssignment(ctx.db, clock.assignmentId, ctx.now, 'stale'))) return
  await advance()
  const days = Math.round((ctx.now - clock.dueAt) / 86_400_000)
  const reason = `No first touch ${days >= 1 ? `${days} d` : 'long'} after the ${clock.policyName} SLA breach`
  const rep = clock.repId ? await getRep(ctx.db, clock.repId) : undefined
  const rows = await alertRows(ctx.db, ctx.now, {
    kind: 'escalation',
    milestone: item.key,
    lead,
    rep,
    assignmentId: clock.assignmentId,
    dueAt: clock.dueAt,
    detail: `${reason}: recycled, back to the managers' queue`,
    to: ['rep', 'manager'],
  })
  await ctx.db.batch([
    insertAlerts(ctx.db, rows),
    historyEntry(ctx.db, {
      leadId: lead.id,
      at: ctx.now,
      kind: 'sla',
      actor: 'cron',
      data: { event: item.key, action: 'recycle', reason },
    }),
  ])
  // The alerts go out with this tick's delivery, like every other milestone's.
  await recordDisposition({ ...ctx, actor: 'cron' }, { leadId: lead.id, outcome: 'recycled', reason })
}

type Prefetched = { leads: Map<string, LeadRow>; reps: Map<string, RepRow> }

/** Processes one due milestone; false when another tick got there first or the clock closed. */
const processMilestone = async (
  ctx: DomainCtx,
  clock: ClockRow,
  n: number,
  item: PlanItem,
  pre: Prefetched,
): Promise<boolean> => {
  if (item.kind === 'reassign') {
    // The reassignment claims the assignment itself (one tick wins) and advances the clock; a reassigned
    // clock is finished, and the next tick picks up any later step of a clock that could not be reassigned.
    await reassign(ctx, clock, n, item)
    return false
  }
  if (item.kind === 'recycle') {
    await recycleStale(ctx, clock, n, item)
    return false
  }
  const lead = pre.leads.get(clock.leadId)
  if (!lead) return advanceWithAlerts(ctx, clock, n, item, [])
  const rep = clock.repId ? pre.reps.get(clock.repId) : undefined
  // After downtime a late tick finds several milestones due at once: a warning whose next milestone is
  // also due is already stale ("time left" would read "overdue by"), so it is recorded but not sent.
  const next = (clock.plan as PlanItem[])[n + 1]
  const superseded = item.kind === 'warning' && next !== undefined && next.at <= ctx.now
  const rows =
    item.to.length && !superseded
      ? await alertRows(ctx.db, ctx.now, {
          kind: KIND[item.kind],
          milestone: item.key,
          lead,
          rep,
          assignmentId: clock.assignmentId,
          dueAt: clock.dueAt,
          detail: item.kind === 'alert' ? `Escalation of the ${clock.policyName} SLA` : `${clock.policyName} SLA`,
          to: item.to,
        })
      : []
  return advanceWithAlerts(ctx, clock, n, item, rows)
}

/**
 * Processes every milestone due by `ctx.now` on the clocks the index returns (at most one batch per tick).
 * @returns how many milestones this call processed.
 * @example await processDueClocks({ db, env, now: controller.scheduledTime })
 */
export const processDueClocks = async (ctx: DomainCtx) => {
  let processed = 0
  const clocks = await dueClocks(ctx.db, ctx.now)
  const pre: Prefetched = {
    leads: await getLeadsById(
      ctx.db,
      clocks.map((c) => c.leadId),
    ),
    reps: await getRepsById(
      ctx.db,
      clocks.flatMap((c) => (c.repId ? [c.repId] : [])),
    ),
  }
  for (const clock of clocks) {
    const plan = clock.plan as PlanItem[]
    for (let n = clock.nextMilestone; n < plan.length && plan[n]!.at <= ctx.now; n++) {
      if (!(await processMilestone(ctx, clock, n, plan[n]!, pre))) break
      processed++
    }
  }
  return processed
}
