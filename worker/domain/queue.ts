/**
 * The rep's queue: leads assigned to them still awaiting a first touch, most urgent first.
 * Two D1 round trips whatever the queue's length: one batch reads the leads and their clocks (enough to
 * count and order them), one batch reads the briefs of the first page.
 * @module
 */
import type { Queue, Sla, SlaState } from '../../shared/schemas/lead'
import type { Db } from '../app-env'
import { awaitingFirstTouch } from '../db/queries/queue'
import { buildBriefs } from './brief'
import { summarizeClocks } from './sla/summary'

/** At most this many leads are returned (counts still cover all of them). */
export const QUEUE_LIMIT = 100

/** Events per lead in a queue's briefs: enough for why-now and a short timeline. */
const QUEUE_EVENT_LIMIT = 50

const RANK: Record<SlaState, number> = { breached: 0, due_soon: 1, running: 2, none: 3, met: 4 }

type Orderable = { sla: Pick<Sla, 'state' | 'dueAt'>; createdAt: string }

const dueOf = (b: Orderable) => (b.sla.dueAt ? Date.parse(b.sla.dueAt) : Number.POSITIVE_INFINITY)

/**
 * Overdue first (longest overdue first), then due soon, then running, each by due time; leads without a
 * clock last, oldest first.
 */
export const byUrgency = (a: Orderable, b: Orderable) =>
  RANK[a.sla.state] - RANK[b.sla.state] || dueOf(a) - dueOf(b) || a.createdAt.localeCompare(b.createdAt)

/**
 * The queue of one rep at `now`. Counts use the same SLA state as each brief (`summarizeClocks`).
 * @example const queue = await repQueue(db, rep.id, Date.now())
 */
export const repQueue = async (db: Db, repId: string, now: number): Promise<Queue> => {
  const { leads, clocks } = await awaitingFirstTouch(db, repId)
  const clocksBy = new Map<string, typeof clocks>()
  for (const c of clocks) (clocksBy.get(c.leadId) ?? clocksBy.set(c.leadId, []).get(c.leadId)!).push(c)
  const ordered = leads
    .map((l) => ({
      id: l.id,
      createdAt: new Date(l.createdAt).toISOString(),
      sla: summarizeClocks(clocksBy.get(l.id) ?? [], now),
    }))
    .sort(byUrgency)
  const count = (s: SlaState) => ordered.filter((b) => b.sla.state === s).length
  const page = ordered.slice(0, QUEUE_LIMIT).map((l) => l.id)
  return {
    now: new Date(now).toISOString(),
    leads: await buildBriefs(db, page, now, QUEUE_EVENT_LIMIT),
    counts: { open: ordered.length, dueSoon: count('due_soon'), overdue: count('breached') },
  }
}
