import type { Sla } from '../../../shared/schemas/lead'
import { formatRemaining } from '../../../shared/time/sla'
import { clockOf, stateAt } from '../../lib/sla'
import { useTicking } from '../use-ticking'

export type SlaClockProps = { sla: Sla; now: () => number; compact?: boolean }

/** The countdown's words at `now`: time left, "overdue by …", met or no clock. */
export const clockText = (sla: Sla, now: number): string => {
  const state = stateAt(sla, now)
  const { dueAt } = clockOf(sla)
  if (state === 'met') return 'First touch done'
  if (sla.stoppedAt) return 'Clock stopped'
  if (state === 'none' || dueAt === null) return 'No SLA clock'
  if (state === 'breached') return formatRemaining(dueAt - now)
  return `${formatRemaining(dueAt - now)} left`
}

/**
 * The SLA countdown, re-rendered every second: green while running, amber when due soon, red and
 * "overdue by …" after the breach.
 * @example <SlaClock sla={lead.sla} now={Date.now} />
 */
export const SlaClock = ({ sla, now, compact }: SlaClockProps) => {
  const t = useTicking(now)
  const state = stateAt(sla, t)
  return (
    <span
      class={`clock clock--${state}${compact ? ' clock--compact' : ''}`}
      data-testid="sla-clock"
      data-state={state}
      role="timer"
    >
      {clockText(sla, t)}
    </span>
  )
}
