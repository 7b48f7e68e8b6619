/**
 * The SLA clock of a brief as of any instant, so the badge and the overlay tick between polls. The
 * state rules and countdown text are the shared ones (`shared/time/sla.ts`).
 * @module
 */
import { slaState, type SlaClock, type SlaClockState } from '../../shared/time/sla'
import type { Brief, Queue, QueueCounts, Sla } from '../../shared/schemas/lead'

const ms = (iso: string | null | undefined): number | null => {
  if (!iso) return null
  const t = Date.parse(iso)
  return Number.isNaN(t) ? null : t
}

/** The brief's SLA in epoch ms. */
export const clockOf = (sla: Sla): SlaClock => ({
  startedAt: ms(sla.startedAt),
  dueAt: ms(sla.dueAt),
  dueSoonAt: ms(sla.dueSoonAt),
  metAt: ms(sla.metAt),
  stoppedAt: ms(sla.stoppedAt),
})

/**
 * The state at `now`. The server's state wins when the clock no longer runs there (met, or stopped when the
 * lead was closed): only a running clock is recomputed, so a closed lead never turns red on the client.
 * @example stateAt(lead.sla, Date.now()) // 'due_soon'
 */
export const stateAt = (sla: Sla, now: number): SlaClockState => {
  const clock = clockOf(sla)
  if (clock.dueAt === null || sla.state === 'met' || clock.stoppedAt != null) return sla.state
  return slaState(clock, now)
}

/** Overdue and due-soon counts of a queue at `now`. */
export const countAt = (leads: readonly Brief[], now: number): { overdue: number; dueSoon: number } => {
  let overdue = 0
  let dueSoon = 0
  for (const lead of leads) {
    const state = stateAt(lead.sla, now)
    if (state === 'breached') overdue++
    else if (state === 'due_soon') dueSoon++
  }
  return { overdue, dueSoon }
}

/**
 * A queue's counts at `now`: the server's counts (all open leads, however long the list) as of the answer,
 * moved on by the listed leads that turned amber or red since. The list holds the most urgent leads, so
 * between two polls that is what changes; an unlisted lead's crossing shows at the next poll.
 * @example countsNow(queue, Date.now()) // { open: 140, overdue: 3, dueSoon: 5 }
 */
export const countsNow = (queue: Pick<Queue, 'now' | 'leads' | 'counts'>, now: number): QueueCounts => {
  const at = Date.parse(queue.now)
  if (Number.isNaN(at)) return { open: queue.counts.open, ...countAt(queue.leads, now) }
  const then = countAt(queue.leads, at)
  const later = countAt(queue.leads, now)
  const shift = (server: number, a: number, b: number) => Math.max(0, server + b - a)
  // A lead moving from due soon to overdue leaves the due-soon count as it joins the overdue one.
  return {
    open: queue.counts.open,
    overdue: shift(queue.counts.overdue, then.overdue, later.overdue),
    dueSoon: shift(queue.counts.dueSoon, then.dueSoon, later.dueSoon),
  }
}

/** The next instant after `now` at which some lead turns amber or red (null: none ahead). */
export const nextCrossing = (leads: readonly Brief[], now: number): number | null => {
  let next: number | null = null
  for (const lead of leads) {
    const clock = clockOf(lead.sla)
    if (clock.metAt != null || clock.stoppedAt != null || lead.sla.state === 'met') continue
    for (const t of [clock.dueSoonAt, clock.dueAt]) {
      if (t != null && t > now && (next === null || t < next)) next = t
    }
  }
  return next
}
