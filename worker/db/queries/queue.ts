/**
 * What a rep's queue is made of, read in one round trip.
 * @module
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import { AWAITING_FIRST_TOUCH } from '../../../shared/lead-status-sets'
import type { Db } from '../../app-env'
import { leads, slaClocks } from '../schema'

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
