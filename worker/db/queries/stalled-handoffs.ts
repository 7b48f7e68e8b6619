/**
 * Leads whose hand-off did not happen: qualified (`sql`, hot leads included), nobody assigned, quiet for a
 * while, and never reported to the managers as unassignable. A hand-off that threw (a D1 hiccup, a deploy
 * mid-request) leaves exactly these.
 * @module
 */
import { and, asc, eq, isNull, lt, notExists } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { alerts, leads } from '../schema'

/**
 * Ids of stalled hand-offs, oldest first.
 * @example const ids = await stalledHandOffs(db, now - 2 * 60_000, 25)
 */
export const stalledHandOffs = async (db: Db, quietSince: number, limit: number): Promise<string[]> => {
  const rows = await db
    .select({ id: leads.id })
    .from(leads)
    .where(
      and(
        eq(leads.status, 'sql'),
        isNull(leads.assigneeId),
        lt(leads.updatedAt, quietSince),
        notExists(
          db
            .select({ one: alerts.id })
            .from(alerts)
            .where(and(eq(alerts.leadId, leads.id), eq(alerts.milestone, 'no_eligible_rep'))),
        ),
      ),
    )
    .orderBy(asc(leads.updatedAt))
    .limit(limit)
  return rows.map((r) => r.id)
}
