/**
 * The rep's queue, in three tabs. "To contact" (the default, and the badge's numbers): leads still awaiting
 * a first touch, in the shared "what to do now" order. "Follow up": touched or accepted leads still being
 * worked, longest without a touch first. "Closed today": leads closed since midnight in the rep's zone.
 * Two D1 round trips whatever the queue's length (three for "Closed today", which first needs the rep's
 * zone): one reads the leads and clocks (enough to count and order them), one the briefs of the page.
 * @module
 */
import { queueOrder } from '../../shared/queue-order'
import type { Queue, QueueView, SlaState } from '../../shared/schemas/lead'
import { startOfZonedDay } from '../../shared/time/zoned'
import type { Db } from '../app-env'
import { awaitingFirstTouch, closedSince, followingUp } from '../db/queries/queue'
import { getRep } from '../db/queries/reps'
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
export const repQueue = async (db: Db, repId: string, now: number, view: QueueView = 'to_contact'): Promise<Queue> => {
  const [{ leads, clocks }, other] = await Promise.all([awaitingFirstTouch(db, repId), otherTab(db, repId, now, view)])
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
  const page = (other ?? ordered.map((l) => l.id)).slice(0, QUEUE_LIMIT)
  return {
    now: new Date(now).toISOString(),
    view,
    leads: await buildBriefs(db, page, now, QUEUE_EVENT_LIMIT),
    counts: { open: ordered.length, dueSoon: count('due_soon'), overdue: count('breached') },
  }
}

/** The ids of a tab other than "To contact", in its order (null for "To contact" itself). */
const otherTab = async (db: Db, repId: string, now: number, view: QueueView): Promise<string[] | null> => {
  if (view === 'follow_up') return (await followingUp(db, repId)).map((r) => r.id)
  if (view !== 'closed_today') return null
  const rep = await getRep(db, repId)
  if (!rep) return []
  return (await closedSince(db, repId, startOfZonedDay(now, rep.timeZone))).map((r) => r.id)
}
