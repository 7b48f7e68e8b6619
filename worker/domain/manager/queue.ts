/**
 * The managers' queue: leads in a gap — at the threshold with nobody to take them, escalated after a breach, or
 * handed back by a rep — so that nobody's lead sits unseen. Two round trips: the ids, then their summaries.
 * @module
 */
import type { ManagerQueue, ManagerQueueItem, QueueReason } from '../../../shared/schemas/manager'
import type { Db } from '../../app-env'
import { managerQueueRows } from '../../db/queries/manager'
import { leadSummaries } from './lead-summary'

const REASONS: readonly QueueReason[] = ['unassigned', 'escalated', 'returned']

/**
 * The queue at `now`: items grouped by reason (in the order above), oldest waiting first within each.
 * A lead listed under an earlier reason is not repeated under a later one.
 * @example const queue = await managerQueue(db, Date.now())
 */
export const managerQueue = async (db: Db, now: number): Promise<ManagerQueue> => {
  const rows = await managerQueueRows(db, now)
  const seen = new Set<string>()
  const wanted: Array<{ reason: QueueReason; id: string; since: number }> = []
  for (const reason of REASONS)
    for (const r of rows[reason].rows) {
      if (seen.has(r.id)) continue
      seen.add(r.id)
      wanted.push({ reason, id: r.id, since: Number(r.since ?? now) })
    }
  const summaries = new Map((await leadSummaries(db, [...seen], now)).map((s) => [s.id, s]))
  const items: ManagerQueueItem[] = wanted.flatMap((w) => {
    const lead = summaries.get(w.id)
    return lead ? [{ reason: w.reason, since: new Date(w.since).toISOString(), lead }] : []
  })
  return {
    now: new Date(now).toISOString(),
    counts: {
      unassigned: rows.unassigned.count,
      escalated: rows.escalated.count,
      returned: rows.returned.count,
    },
    items,
  }
}
