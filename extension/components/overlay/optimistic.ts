/**
 * The brief as it will be once a pending touch or outcome lands, shown at once (and while it can be undone).
 * The server's brief replaces it when the action is sent.
 * @module
 */
import type { Brief, Outcome } from '../../../shared/schemas/lead'

export type PendingChange = { kind: 'touch' } | { kind: 'outcome'; outcome: Outcome }

/** Outcomes that take an untouched lead off the clock (the server stops it: `recordDisposition`). */
const STOPS_CLOCK: ReadonlySet<Outcome> = new Set(['disqualified', 'recycled', 'lost', 'won', 'converted'])

/**
 * @example optimistic(lead, { kind: 'touch' }, Date.now()).sla.state // 'met' (a first touch)
 */
export const optimistic = (lead: Brief, change: PendingChange, now: number): Brief => {
  const at = new Date(now).toISOString()
  const untouched = lead.sla.metAt === null
  if (change.kind === 'touch') {
    if (!untouched) return lead
    return {
      ...lead,
      status: lead.status === 'assigned' ? 'contacted' : lead.status,
      sla: lead.sla.dueAt ? { ...lead.sla, metAt: at, state: 'met' } : lead.sla,
    }
  }
  const stop = untouched && STOPS_CLOCK.has(change.outcome) && lead.sla.dueAt !== null
  return {
    ...lead,
    status: change.outcome,
    sla: stop ? { ...lead.sla, stoppedAt: at, state: 'none' } : lead.sla,
  }
}
