/**
 * The rep's queue: leads assigned to them still awaiting a first touch, in the shared "what to do now" order.
 * Two D1 round trips whatever the queue's length: one batch reads the leads and their clocks (enough to
 * count and order them), one batch reads the briefs of the first page.
 * @module
 */
import { queueOrder } from '../../shared/queue-order'
import type { Queue, SlaState } from '../../shared/schemas/lead'
import type { Db } from '../app-env'
import { awaitingFirstTouch } from '../db/queries/queue'
import { buildBriefs } from './brief'
import { summarizeClocks } from './sla/summary'

/** At most this many leads are returned (counts still cover all of them). */
export const QUEUE_LIMIT = 100

/** Events per lead in a queue's briefs: enough for why-now and a short timeline. */
const QUEUE_EVENT_LIMIT = 50

/**
 * The queue of one rep at `now`. Counts use the same SLA state as each brief (`summarizeClocks`).
 * @example const queue = await repQueue(db, rep.id, Date.now())
 */
export const repQueue = async (db: Db, repId: string, now: number): Promise<Queue> => {
  const { leads, clocks } = await awaitingFirstTouch(db, repId)
  const clocksBy = new Map<string, typeof clocks>()
  for (const c of clocks) (clocksBy.get(c.leadId) ?? clocksBy.set(c.leadId, []).get(c.leadId)!).push(c)
  const ordered = leads
    .map((l) => {
      const sla = summarizeClocks(clocksBy.get(l.id) ?? [], now)
      const dueAt = sla.dueAt ? Date.parse(sla.dueAt) : null
      return { id: l.id, sla, order: { state: sla.state, dueAt, hot: l.hot, createdAt: l.createdAt } }
    })
    .sort((a, b) => queueOrder(a.order, b.order) || a.id.localeCompare(b.id))
  const count = (s: SlaState) => ordered.filter((b) => b.sla.state === s).length
  const page = ordered.slice(0, QUEUE_LIMIT).map((l) => l.id)
  return {
    now: new Date(now).toISOString(),
    leads: await buildBriefs(db, page, now, QUEUE_EVENT_LIMIT),
    counts: { open: ordered.length, dueSoon: count('due_soon'), overdue: count('breached') },
  }
}
