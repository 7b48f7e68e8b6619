/**
 * The milestone plan of one SLA clock: warnings, breach, then the escalation steps that apply to this breach.
 * Fixed when the clock starts, so editing a policy later never moves a running clock.
 * @module
 */
import type { EscalationStep, Recipient } from '../../../shared/schemas/admin'
import type { Calendar } from '../../../shared/time/calendar'
import { slaMilestones } from '../../../shared/time/sla'

/** One milestone. `key` is unique within the clock and part of the alert dedupe key. */
export type PlanItem =
  | { key: string; at: number; kind: 'warning'; fraction: number; to: Recipient[] }
  | { key: string; at: number; kind: 'breach'; to: Recipient[] }
  | { key: string; at: number; kind: 'alert'; to: Recipient[] }
  | { key: string; at: number; kind: 'reassign' }
  | { key: string; at: number; kind: 'recycle' }

export type PolicySnapshot = {
  durationMinutes: number
  warnings: number[]
  escalation: EscalationStep[]
}

const MINUTE = 60_000

const applies = (step: EscalationStep, breachOrdinal: number) =>
  step.on === 'breach' || (step.on === 'first_breach' ? breachOrdinal === 1 : breachOrdinal >= 2)

/**
 * Builds the plan. `breachOrdinal` is 1 for the lead's first clock, 2 after one breach (a reassigned lead)…
 * The breach itself alerts the rep only when no escalation step alerts anyone at that breach, so nobody is
 * told twice and a breach is never silent.
 * @example buildPlan(Date.UTC(2026, 10, 20, 21, 30), policy, nyCalendar, 1)
 */
export const buildPlan = (
  startedAt: number,
  policy: PolicySnapshot,
  calendar: Calendar | null,
  breachOrdinal: number,
): { dueAt: number; dueSoonAt: number | null; plan: PlanItem[] } => {
  const warnings = [...new Set(policy.warnings)].sort((a, b) => a - b)
  const { dueAt, warningsAt } = slaMilestones(startedAt, policy.durationMinutes, calendar, warnings)
  const steps = policy.escalation.map((s, i) => ({ s, i })).filter(({ s }) => applies(s, breachOrdinal))
  const silent = !steps.some(({ s }) => s.action === 'alert' && s.afterMinutes === 0)
  const items: PlanItem[] = [
    ...warnings.map((f, i) => ({
      key: `warning_${Math.round(f * 100)}`,
      at: warningsAt[i]!,
      kind: 'warning' as const,
      fraction: f,
      to: ['rep' as const],
    })),
    {
      key: breachOrdinal > 1 ? `breach_${breachOrdinal}` : 'breach',
      at: dueAt,
      kind: 'breach',
      to: silent ? ['rep'] : [],
    },
    ...steps.map(({ s, i }): PlanItem => {
      const at = dueAt + s.afterMinutes * MINUTE
      return s.action === 'alert'
        ? { key: `escalation_${i}`, at, kind: 'alert', to: s.to }
        : { key: `escalation_${i}`, at, kind: s.action }
    }),
  ]
  // Stable sort: same instant keeps warnings < breach < steps in chain order.
  const plan = items
    .map((it, n) => ({ it, n }))
    .sort((a, b) => a.it.at - b.it.at || a.n - b.n)
    .map((x) => x.it)
  return { dueAt, dueSoonAt: warningsAt.length ? warningsAt[warningsAt.length - 1]! : null, plan }
}
