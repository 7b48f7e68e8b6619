/**
 * SLA clock: milestones computed in business time, the state at a given instant, and the
 * human countdown text shared by the extension's overlay and the Slack/Teams alerts.
 * @module
 */
import type { SlaState } from '../schemas/lead'
import type { Calendar } from './calendar'
import { addBusinessMinutes } from './business-time'

/** Due time and warning instants of one clock (epoch ms). */
export type SlaMilestones = { dueAt: number; warningsAt: number[] }

/**
 * Due time and warning points of a clock started at `startedAt` that runs `durationMinutes` of the
 * calendar's open time. Each warning is a fraction of the duration (0.5 = halfway), in the given order.
 * @example
 * slaMilestones(assignedAt, 60, calendar, [0.5, 0.8])
 * // { dueAt: <after 60 business minutes>, warningsAt: [<after 30>, <after 48>] }
 */
export const slaMilestones = (
  startedAt: number,
  durationMinutes: number,
  calendar: Calendar | null,
  warnings: number[],
): SlaMilestones => {
  if (!Number.isFinite(durationMinutes) || durationMinutes <= 0) {
    throw new RangeError('durationMinutes must be a finite number > 0')
  }
  for (const f of warnings) {
    if (!Number.isFinite(f) || f <= 0 || f >= 1) {
      throw new RangeError(`warning fraction ${f} must be in (0, 1), e.g. 0.8 for 80%`)
    }
  }
  return {
    dueAt: addBusinessMinutes(startedAt, durationMinutes, calendar),
    warningsAt: warnings.map((f) => addBusinessMinutes(startedAt, f * durationMinutes, calendar)),
  }
}

/** Same values as the contract's `SlaState` (`shared/schemas/lead.ts`). */
export type SlaClockState = SlaState

/** The stored facts of a clock (epoch ms; null = not set). */
export type SlaClock = {
  startedAt: number | null
  dueAt: number | null
  /** When the clock turns amber (usually the last warning point). */
  dueSoonAt?: number | null
  metAt?: number | null
  /** Stopped without a touch (e.g. disqualified first). */
  stoppedAt?: number | null
}

/**
 * State of a clock at `now`: `met` once touched (even late; the breach stays in history), `none` with
 * no clock or a clock stopped untouched, then `breached` from `dueAt`, `due_soon` from `dueSoonAt`,
 * else `running`.
 * @example slaState({ startedAt: 0, dueAt: 60_000, dueSoonAt: 48_000 }, 50_000) // 'due_soon'
 */
export const slaState = (sla: SlaClock, now: number): SlaClockState => {
  if (sla.startedAt == null || sla.dueAt == null) return 'none'
  if (sla.metAt != null) return 'met'
  if (sla.stoppedAt != null) return 'none'
  if (now >= sla.dueAt) return 'breached'
  if (sla.dueSoonAt != null && now >= sla.dueSoonAt) return 'due_soon'
  return 'running'
}

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * Short countdown text for a remaining duration in ms: the two largest units, the second omitted when
 * zero; negative durations read "overdue by …". Whole seconds, rounded toward zero.
 * @example formatRemaining(252_000) // '4m 12s'
 * @example formatRemaining(3_900_000) // '1h 05m'
 * @example formatRemaining(-720_000) // 'overdue by 12m'
 */
export const formatRemaining = (ms: number): string => {
  if (!Number.isFinite(ms)) return ms > 0 ? '∞' : 'overdue'
  if (ms < 0) return `overdue by ${formatRemaining(-ms)}`
  const total = Math.floor(ms / SECOND) * SECOND
  const two = (n: number) => String(n).padStart(2, '0')
  const join = (big: string, small: number, unit: string, padded: boolean) =>
    small === 0 ? big : `${big} ${padded ? two(small) : small}${unit}`
  if (total >= DAY) return join(`${Math.floor(total / DAY)}d`, Math.floor((total % DAY) / HOUR), 'h', false)
  if (total >= HOUR) return join(`${Math.floor(total / HOUR)}h`, Math.floor((total % HOUR) / MINUTE), 'm', true)
  if (total >= MINUTE) {
    return join(`${Math.floor(total / MINUTE)}m`, Math.floor((total % MINUTE) / SECOND), 's', true)
  }
  return `${total / SECOND}s`
}
