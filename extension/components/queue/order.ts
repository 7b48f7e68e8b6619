/**
 * The popup's queue order: the shared "what to do now" order (`shared/queue-order.ts`) with each clock's
 * state as of now, so a lead that just breached moves while the popup is open.
 * @module
 */
import { queueOrder } from '../../../shared/queue-order'
import type { Brief } from '../../../shared/schemas/lead'
import { clockOf, stateAt } from '../../lib/sla'

/**
 * @example byUrgency(queue.leads, Date.now())[0] // the hot lead that came in a minute ago
 */
export const byUrgency = (leads: readonly Brief[], now: number): Brief[] =>
  leads
    .map((lead) => ({
      lead,
      item: {
        state: stateAt(lead.sla, now),
        dueAt: clockOf(lead.sla).dueAt,
        hot: lead.hot,
        createdAt: Date.parse(lead.createdAt) || 0,
      },
    }))
    .sort((a, b) => queueOrder(a.item, b.item) || a.lead.id.localeCompare(b.lead.id))
    .map((x) => x.lead)
