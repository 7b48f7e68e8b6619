/**
 * The brief's `sla` object: the current clock, its state at `now`, and what happened on every clock of the lead.
 * @module
 */
import type { Sla, SlaHistoryItem } from '../../../shared/schemas/lead'
import { slaState } from '../../../shared/time/sla'
import type { Db } from '../../app-env'
import { clocksOfLead } from '../../db/queries/sla'
import type { PlanItem } from './plan'

const iso = (ms: number) => new Date(ms).toISOString()

const describe = (item: PlanItem, policy: string, dueAt: number): SlaHistoryItem => {
  const at = iso(item.at)
  if (item.kind === 'warning')
    return { at, kind: 'warning', detail: `${Math.round(item.fraction * 100)}% of the ${policy} SLA used` }
  if (item.kind === 'breach') return { at, kind: 'breach', detail: `${policy} SLA breached` }
  if (item.kind === 'reassign') return { at, kind: 'reassignment', detail: 'Escalated: reassigned to the next rep' }
  if (item.kind === 'recycle') {
    // Said in the rep's words: how long it sat untouched after the breach, and where it went.
    const days = Math.round((item.at - dueAt) / 86_400_000)
    const after = days >= 1 ? `${days} d after the ${policy} SLA breach` : `after the ${policy} SLA breach`
    return { at, kind: 'recycle', detail: `Still untouched ${after}: recycled, back to the managers' queue` }
  }
  return { at, kind: 'escalation', detail: `Escalated to ${item.to.join(', ')}` }
}

/** A lead's clocks, oldest first, as stored. */
type ClockRows = Awaited<ReturnType<typeof clocksOfLead>>

/**
 * The contract's `Sla` for a lead from its clocks (oldest first), at `now`: pure, for one lead or many.
 * @example const sla = summarizeClocks(clocks, Date.now()) // { policy: 'SQL', state: 'running', … }
 */
export const summarizeClocks = (clocks: ClockRows, now: number): Sla => {
  const current = clocks[clocks.length - 1]
  if (!current)
    return { policy: null, startedAt: null, dueAt: null, dueSoonAt: null, metAt: null, state: 'none', history: [] }
  const history: SlaHistoryItem[] = []
  for (const clock of clocks) {
    history.push({
      at: iso(clock.startedAt),
      kind: 'started',
      detail: `${clock.policyName} clock started, due ${iso(clock.dueAt)}`,
    })
    const plan = (clock.plan ?? []) as PlanItem[]
    plan.slice(0, clock.nextMilestone).forEach((item) => history.push(describe(item, clock.policyName, clock.dueAt)))
    if (clock.metAt !== null) history.push({ at: iso(clock.metAt), kind: 'met', detail: 'First touch' })
    else if (clock.stoppedAt !== null)
      history.push({ at: iso(clock.stoppedAt), kind: 'stopped', detail: 'Clock stopped' })
  }
  history.sort((a, b) => a.at.localeCompare(b.at))
  const warnings = ((current.plan ?? []) as PlanItem[]).filter((p) => p.kind === 'warning')
  const dueSoonAt = warnings.length ? warnings[warnings.length - 1]!.at : null
  return {
    policy: current.policyName,
    startedAt: iso(current.startedAt),
    dueAt: iso(current.dueAt),
    dueSoonAt: dueSoonAt === null ? null : iso(dueSoonAt),
    metAt: current.metAt === null ? null : iso(current.metAt),
    stoppedAt: current.stoppedAt === null ? null : iso(current.stoppedAt),
    state: slaState(
      {
        startedAt: current.startedAt,
        dueAt: current.dueAt,
        dueSoonAt,
        metAt: current.metAt,
        stoppedAt: current.stoppedAt,
      },
      now,
    ),
    history,
  }
}

/**
 * The contract's `Sla` for one lead (state `none` and nulls without a clock).
 * @example const sla = await slaSummary(db, lead.id, Date.now()) // { policy: 'SQL', state: 'running', … }
 */
export const slaSummary = async (db: Db, leadId: string, now: number): Promise<Sla> =>
  summarizeClocks(await clocksOfLead(db, leadId), now)
