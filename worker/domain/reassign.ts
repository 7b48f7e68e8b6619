/**
 * A manager's reassignment: to a named rep, or back to a pool (its weighted round robin, skipping the current
 * rep). The current assignment ends and its open clock stops; the new assignment starts a fresh clock under the
 * SLA policy the lead was on (the policy's full target from now, on the new rep's calendar, with the escalation
 * steps of a later clock when an earlier one breached), exactly as an escalation's reassignment does. A lead
 * already touched gets no new clock: there is no first touch left to wait for. The new rep is alerted like any
 * assignment (`reassigned`, and the `lead.reassigned` outbound event); the journey records who and why.
 * @module
 */
import { isIn, WORKABLE } from '../../shared/lead-status-sets'
import type { ReassignInput } from '../../shared/schemas/manager'
import { historyEntry } from '../db/queries/history'
import { endOpenAssignments, leadRow, setLeadStatus, slaPolicyRow } from '../db/queries/manager'
import { getPool } from '../db/queries/pools'
import { getRep, type RepRow } from '../db/queries/reps'
import { breachedClockCount, clocksOfLead, stopClocks } from '../db/queries/sla'
import type { leads } from '../db/schema'
import type { DomainCtx } from './context'
import { conflict, invalidInput, notFound } from './errors'
import { assignLead } from './routing/assign'
import { leadFacts } from './routing/facts'
import { describeSkips, pickFromPool } from './routing/pick'
import { choosePolicy, type ChosenPolicy, toChosen } from './sla/policy'

/** The rep a reassignment goes to, and how it was chosen. */
const chooseTarget = async (
  ctx: DomainCtx,
  input: ReassignInput,
  currentRepId: string | null,
): Promise<{ rep: RepRow; poolId: string | null; how: string }> => {
  if (input.repId) {
    const rep = await getRep(ctx.db, input.repId)
    if (!rep || !rep.active) throw invalidInput([{ path: 'repId', message: 'No active rep with this id' }])
    if (rep.id === currentRepId) throw conflict(`The lead is already assigned to ${rep.name}`)
    return { rep, poolId: null, how: `chosen by hand` }
  }
  const poolId = input.poolId!
  if (!(await getPool(ctx.db, poolId))) throw invalidInput([{ path: 'poolId', message: 'No pool with this id' }])
  const pick = await pickFromPool(ctx, poolId, new Set(currentRepId ? [currentRepId] : []))
  if (!pick?.rep) {
    const skips = pick ? describeSkips(pick.skipped) : ''
    throw conflict(`Nobody in this pool can take the lead now${skips ? ` (${skips})` : ''}`)
  }
  const skips = describeSkips(pick.skipped)
  return {
    rep: pick.rep,
    poolId,
    how: [`pool ${pick.pool.name} weighted round robin`, skips].filter(Boolean).join('; '),
  }
}

/** The policy of the lead's current clock (continuity), else the one its state matches now. */
const policyFor = async (ctx: DomainCtx, lead: typeof leads.$inferSelect): Promise<ChosenPolicy | null> => {
  const clocks = await clocksOfLead(ctx.db, lead.id)
  const current = clocks[clocks.length - 1]
  if (current?.policyId) {
    const row = await slaPolicyRow(ctx.db, current.policyId)
    if (row) return toChosen(row)
  }
  return choosePolicy(ctx.db, { hot: lead.hot, status: lead.status, facts: leadFacts(lead) })
}

/**
 * Reassigns a lead; throws `not_found`, `invalid` (unknown rep or pool) or `conflict` (closed lead, same rep,
 * nobody eligible, or the lead changed hands meanwhile).
 * @example await reassignLead(ctx, 'lead_1', { repId: 'rep_ana', reason: 'Ben is out sick' })
 */
export const reassignLead = async (ctx: DomainCtx, leadId: string, input: ReassignInput) => {
  const { db, now } = ctx
  const lead = await leadRow(db, leadId)
  if (!lead) throw notFound('lead')
  if (!isIn(WORKABLE, lead.status)) throw conflict(`A ${lead.status} lead is closed: it cannot be reassigned`)
  const from = lead.assigneeId ? await getRep(db, lead.assigneeId) : undefined
  const target = await chooseTarget(ctx, input, lead.assigneeId)
  const touched = lead.firstTouchAt !== null
  const policy = touched ? null : await policyFor(ctx, lead)
  const actor = ctx.actor ?? 'manager'
  // End the current holder's assignment and stop its clock first: the wait so far stays charged to them.
  await endOpenAssignments(db, lead.id, now, 'reassigned')
  if ((await stopClocks(db, lead.id, now)) > 0)
    await historyEntry(db, {
      leadId: lead.id,
      at: now,
      kind: 'sla',
      actor,
      data: { event: 'stopped', reason: `reassigned by ${actor}` },
    })
  const done = await assignLead(ctx, lead, {
    rep: target.rep,
    poolId: target.poolId,
    rule: 'reassign',
    reason: [`${input.reason} (reassigned by ${actor}${from ? ` from ${from.name}` : ''})`, target.how].join('; '),
    policy,
    breachOrdinal: (await breachedClockCount(db, lead.id)) + 1,
    expectAssigneeId: lead.assigneeId,
    kind: lead.assigneeId ? 'reassigned' : 'assigned',
  })
  if (!done) throw conflict('The lead changed hands meanwhile; reload it and try again')
  // The new owner keeps working a lead already touched: its status stays (claiming sets `assigned`).
  if (touched) await setLeadStatus(db, lead.id, lead.status)
  return { assignmentId: done.assignmentId, rep: target.rep, poolId: target.poolId, dueAt: done.dueAt }
}
