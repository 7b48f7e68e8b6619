/**
 * The cron's SLA work: for each clock with a milestone due, process milestones in order. Each milestone moves
 * `next_milestone` with compare-and-set in the same D1 batch as its outbox rows, so overlapping or repeated
 * ticks process it once and its alerts exist once.
 * @module
 */
import { and, eq, inArray, isNull } from 'drizzle-orm'
import { guardedAlertInsert, insertAlerts } from '../../db/queries/alerts'
import { historyEntry } from '../../db/queries/history'
import { getPool } from '../../db/queries/pools'
import { getRep, getRepsById, type RepRow } from '../../db/queries/reps'
import { breachedClockCount, type ClockRow, dueClocks, stopClock } from '../../db/queries/sla'
import { assignments, leads, slaPolicies } from '../../db/schema'
import { alertRows } from '../alerts/outbox'
import type { AlertKind } from '../alerts/payload'
import type { DomainCtx } from '../context'
import { assignLead } from '../routing/assign'
import { describeSkips, pickFromPool } from '../routing/pick'
import type { PlanItem } from './plan'
import { toChosen } from './policy'
import { chunk, IN_CHUNK } from '../../db/queries/chunk'

const KIND: Record<'warning' | 'breach' | 'alert', AlertKind> = {
  warning: 'warning',
  breach: 'breach',
  alert: 'escalation',
}

const CAS_SQL = `UPDATE sla_clocks SET next_milestone = ?, next_check_at = ?,
  breached_at = CASE WHEN ? THEN coalesce(breached_at, ?) ELSE breached_at END
  WHERE id = ? AND next_milestone = ? AND met_at IS NULL AND stopped_at IS NULL`

/** Still open and already moved past milestone `n` (by us, or by a tick that inserted the same rows). */
const GUARD_SQL =
  'SELECT 1 FROM sla_clocks WHERE id = ? AND next_milestone = ? AND met_at IS NULL AND stopped_at IS NULL'

/** Journey entries written only when the statement just before them changed a row (our compare-and-set won). */
const HISTORY_IF_WON_SQL = `INSERT INTO lead_history (lead_id, at, kind, actor, data) SELECT ?, ?, ?, 'cron', ? WHERE changes() = 1`

/**
 * Advances the clock past milestone `n`, writes its journey entries and enqueues its alerts in one atomic batch.
 * True when this call advanced it.
 */
const advanceWithAlerts = async (
  ctx: DomainCtx,
  clock: ClockRow,
  n: number,
  item: PlanItem,
  rows: Awaited<ReturnType<typeof alertRows>>,
) => {
  const plan = clock.plan as PlanItem[]
  const d1 = ctx.env.DB
  const isBreach = item.kind === 'breach' ? 1 : 0
  const history = [
    d1
      .prepare(HISTORY_IF_WON_SQL)
      .bind(
        clock.leadId,
        ctx.now,
        'sla',
        JSON.stringify({ event: item.key, kind: item.kind, milestoneAt: new Date(item.at).toISOString() }),
      ),
    ...(rows.length
      ? [
          d1
            .prepare(HISTORY_IF_WON_SQL)
            .bind(
              clock.leadId,
              ctx.now,
              'alert',
              JSON.stringify({ milestone: item.key, recipients: rows.map((r) => r.recipient) }),
            ),
        ]
      : []),
  ]
  const results = await d1.batch([
    d1.prepare(CAS_SQL).bind(n + 1, plan[n + 1]?.at ?? null, isBreach, item.at, clock.id, n),
    ...history,
    ...rows.map((r) =>
      guardedAlertInsert(d1, r as Parameters<typeof guardedAlertInsert>[1], {
        sql: GUARD_SQL,
        params: [clock.id, n + 1],
      }),
    ),
  ])
  return results[0]!.meta.changes === 1
}

/**
 * Escalation by reassignment: end the breached assignment (only one tick can), then hand the lead to the next
 * eligible rep of the same pool, excluding the current one, with a new clock. The breach stays on the first
 * clock. With nobody else eligible the lead stays and the managers' channel is told.
 */
const reassign = async (ctx: DomainCtx, clock: ClockRow, n: number, item: PlanItem) => {
  const advance = () =>
    ctx.env.DB.prepare(CAS_SQL)
      .bind(n + 1, (clock.plan as PlanItem[])[n + 1]?.at ?? null, 0, 0, clock.id, n)
      .run()
  const lead = await ctx.db.query.leads.findFirst({ where: eq(leads.id, clock.leadId) })
  if (!lead || lead.assigneeId !== clock.repId || lead.firstTouchAt !== null || lead.status !== 'assigned') {
    await advance() // nothing to reassign any more: skip the step so the clock does not stay due
    return
  }
  const ended = await ctx.db
    .update(assignments)
    .set({ endedAt: ctx.now, endReason: 'sla_breach' })
    .where(and(eq(assignments.id, clock.assignmentId), isNull(assignments.endedAt)))
    .returning()
  const assignment = ended[0]
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
  const policyRow = clock.policyId
    ? await ctx.db.query.slaPolicies.findFirst({ where: eq(slaPolicies.id, clock.policyId) })
    : undefined
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
  await ctx.db.update(assignments).set({ endedAt: null, endReason: null }).where(eq(assignments.id, assignment.id))
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

type Prefetched = { leads: Map<string, typeof leads.$inferSelect>; reps: Map<string, RepRow> }

/** Rows by id, read in chunks that stay under D1's 100 bound parameters per statement. */
const byId = async <T extends { id: string }>(ids: string[], load: (chunk: string[]) => Promise<T[]>) => {
  const unique = [...new Set(ids)]
  const out = new Map<string, T>()
  for (const part of chunk(unique, IN_CHUNK)) for (const row of await load(part)) out.set(row.id, row)
  return out
}

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
    leads: await byId(
      clocks.map((c) => c.leadId),
      (ids) => ctx.db.select().from(leads).where(inArray(leads.id, ids)),
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
