/**
 * The order of a rep's "To contact" queue, the same on the server (which page to send) and in the popup
 * (as clocks tick): what to do now first. Fresh leads lead, hot ones first and the newest next, because
 * the first minutes decide whether a lead answers; then the ones about to breach, closest first; then the
 * overdue, newest breach first, so a pile of long-overdue leads never buries this morning's demo request.
 * @module
 */

/** What ordering needs of a lead: its clock state now, due time (epoch ms, null: none), hot flag, creation. */
export type QueueOrderItem = { state: string; dueAt: number | null; hot: boolean; createdAt: number }

const RANK: Record<string, number> = { running: 0, due_soon: 1, breached: 2, none: 3, met: 4 }

/**
 * A comparator for `Array.prototype.sort`.
 * @example items.sort(queueOrder) // running (hot, newest) → due soon (closest) → breached (newest) → no clock
 */
export const queueOrder = (a: QueueOrderItem, b: QueueOrderItem): number => {
  const rank = (RANK[a.state] ?? 5) - (RANK[b.state] ?? 5)
  if (rank !== 0) return rank
  const due = (x: QueueOrderItem, missing: number) => x.dueAt ?? missing
  switch (a.state) {
    case 'running':
      return Number(b.hot) - Number(a.hot) || b.createdAt - a.createdAt
    case 'due_soon':
      return due(a, Infinity) - due(b, Infinity) || b.createdAt - a.createdAt
    case 'breached':
      return due(b, -Infinity) - due(a, -Infinity) || b.createdAt - a.createdAt
    default:
      return b.createdAt - a.createdAt
  }
}
