/**
 * The rep's queue order and counts: most urgent first (earliest due time; no clock last; higher score
 * breaks ties).
 * @module
 */
import type { Brief } from '../../../shared/schemas/lead'

const due = (lead: Brief) => {
  const t = lead.sla.dueAt ? Date.parse(lead.sla.dueAt) : Number.NaN
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t
}

/**
 * @example byUrgency(queue.leads)[0] // the lead due first (or most overdue)
 */
export const byUrgency = (leads: readonly Brief[]): Brief[] =>
  leads.slice().sort((a, b) => due(a) - due(b) || b.score.total - a.score.total || a.id.localeCompare(b.id))
