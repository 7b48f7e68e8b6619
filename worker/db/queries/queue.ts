/**
 * What a rep's queue is made of: each tab's leads, read in one round trip.
 * @module
 */
import { and, asc, desc, eq, gte, inArray, isNull, max, sql } from 'drizzle-orm'
import { AWAITING_FIRST_TOUCH, CLOSED, FOLLOW_UP } from '../../../shared/lead-status-sets'
import type { Db } from '../../app-env'
import { leads, slaClocks, touches } from '../schema'

/**
 * The rep's leads still awaiting a first touch (id and creation time) and all their SLA clocks, oldest
 * first, in one `db.batch`: enough to count and order the queue before any brief is read.
 * @example const { leads, clocks } = await awaitingFirstTouch(db, rep.id)
 */
export const awaitingFirstTouch = async (db: Db, repId: string) => {
  const mine = and(
    eq(leads.assigneeId, repId),
    inArray(leads.status, [...AWAITING_FIRST_TOUCH]),
    isNull(leads.firstTouchAt),
  )
  const [rows, clocks] = await db.batch([
    db.select({ id: leads.id, createdAt: leads.createdAt, hot: leads.hot }).from(leads).where(mine),
    db
      .select()
      .from(slaClocks)
      .where(inArray(slaClocks.leadId, db.select({ id: leads.id }).from(leads).where(mine)))
      .orderBy(asc(slaClocks.startedAt), asc(slaClocks.id)),
  ])
  return { leads: rows, clocks }
}

/**
 * The rep's leads being worked (touched or accepted, not closed) with their last touch, the ones longest
 * without one first: the queue's "Follow up" tab. One round trip.
 * @example const rows = await followingUp(db, rep.id) // [{ id, lastTouchAt }]
 */
export const followingUp = (db: Db, repId: string) =>
  db
    .select({ id: leads.id, lastTouchAt: max(touches.at) })
    .from(leads)
    .leftJoin(touches, eq(touches.leadId, leads.id))
    .where(and(eq(leads.assigneeId, repId), inArray(leads.status, [...FOLLOW_UP])))
    .groupBy(leads.id)
    .orderBy(sql`max(${touches.at}) is not null`, asc(max(touches.at)), asc(leads.id))

/**
 * The rep's leads closed (won, lost, disqualified, converted, recycled) since `since`, newest first: the
 * queue's "Closed today" tab. One round trip.
 * @example const rows = await closedSince(db, rep.id, startOfZonedDay(now, rep.timeZone))
 */
export const closedSince = (db: Db, repId: string, since: number) =>
  db
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.assigneeId, repId), inArray(leads.status, [...CLOSED]), gte(leads.outcomeAt, since)))
    .orderBy(desc(leads.outcomeAt), asc(leads.id))
