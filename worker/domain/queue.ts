/**
 * The rep's queue: leads assigned to them still awaiting a first touch, most urgent first.
 * @module
 */
import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { Brief, Queue, SlaState } from '../../shared/schemas/lead'
import type { Db } from '../app-env'
import { AWAITING_FIRST_TOUCH } from '../../shared/lead-status-sets'
import { leads } from '../db/schema'
import { buildBrief } from './brief'

/** At most this many leads are returned (counts still cover all of them). */
export const QUEUE_LIMIT = 100

const RANK: Record<SlaState, number> = { breached: 0, due_soon: 1, running: 2, none: 3, met: 4 }

const dueOf = (b: Brief) => (b.sla.dueAt ? Date.parse(b.sla.dueAt) : Number.POSITIVE_INFINITY)

/**
 * Overdue first (longest overdue first), then due soon, then running, each by due time; leads without a
 * clock last, oldest first.
 */
export const byUrgency = (a: Brief, b: Brief) =>
  RANK[a.sla.state] - RANK[b.sla.state] || dueOf(a) - dueOf(b) || a.createdAt.localeCompare(b.createdAt)

/**
 * The queue of one rep at `now`. Counts use the same SLA state as each brief (`slaState`).
 * @example const queue = await repQueue(db, rep.id, Date.now())
 */
export const repQueue = async (db: Db, repId: string, now: number): Promise<Queue> => {
  const ids = await db
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.assigneeId, repId), inArray(leads.status, [...AWAITING_FIRST_TOUCH]), isNull(leads.firstTouchAt)))
  const briefs = (await Promise.all(ids.map((r) => buildBrief(db, r.id, now)))).filter((b): b is Brief => b !== null)
  briefs.sort(byUrgency)
  const count = (s: SlaState) => briefs.filter((b) => b.sla.state === s).length
  return {
    now: new Date(now).toISOString(),
    leads: briefs.slice(0, QUEUE_LIMIT),
    counts: { open: briefs.length, dueSoon: count('due_soon'), overdue: count('breached') },
  }
}
