/**
 * What retention deletes and folds, each step bounded (the oldest rows first, at most `limit`), so a cron
 * tick's work stays flat however far behind it is.
 * @module
 */
import { and, asc, eq, exists, inArray, isNotNull, isNull, lt, not, sql } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { alerts, events, idempotencyKeys, slaClocks } from '../schema'
import { chunk, IN_CHUNK } from './chunk'

/**
 * Deletes up to `limit` idempotency keys stored before `before`; answers how many went.
 * @example await pruneIdempotencyKeys(db, now - 24 * HOUR, 500) // 12
 */
export const pruneIdempotencyKeys = async (db: Db, before: number, limit: number): Promise<number> => {
  const oldest = db
    .select({ key: idempotencyKeys.key })
    .from(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, before))
    .orderBy(asc(idempotencyKeys.createdAt))
    .limit(limit)
  const gone = await db
    .delete(idempotencyKeys)
    .where(inArray(idempotencyKeys.key, oldest))
    .returning({ key: idempotencyKeys.key })
  return gone.length
}

/**
 * Deletes up to `limit` alerts delivered before `before`, keeping every alert of a lead whose clocks still
 * have a milestone ahead (the stored alert is what keeps a milestone from alerting twice).
 * @example await pruneDeliveredAlerts(db, now - 30 * DAY, 500) // 3
 */
export const pruneDeliveredAlerts = async (db: Db, before: number, limit: number): Promise<number> => {
  const pending = db
    .select({ one: sql`1` })
    .from(slaClocks)
    .where(and(eq(slaClocks.leadId, alerts.leadId), isNotNull(slaClocks.nextCheckAt)))
  const oldest = db
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(eq(alerts.state, 'sent'), lt(alerts.sentAt, before), not(exists(pending))))
    .orderBy(asc(alerts.sentAt))
    .limit(limit)
  const gone = await db.delete(alerts).where(inArray(alerts.id, oldest)).returning({ id: alerts.id })
  return gone.length
}

/**
 * Up to `limit` raw (not yet folded) events that happened before `before`, oldest first.
 * @example const rows = await oldRawEvents(db, now - 90 * DAY, 500)
 */
export const oldRawEvents = (db: Db, before: number, limit: number) =>
  db
    .select({
      id: events.id,
      leadId: events.leadId,
      type: events.type,
      occurredAt: events.occurredAt,
      properties: events.properties,
      count: events.count,
    })
    .from(events)
    .where(and(isNull(events.firstOccurredAt), lt(events.occurredAt, before)))
    .orderBy(asc(events.occurredAt))
    .limit(limit)

/** One folded row: `count` events of a lead, type and page/asset between `firstOccurredAt` and `occurredAt`. */
export type FoldedEvent = {
  clientId: string
  leadId: string
  type: string
  occurredAt: number
  firstOccurredAt: number
  count: number
  properties: Record<string, unknown>
}

/** Rows per multi-row upsert: 8 bound values each, under D1's 100 parameters per statement. */
const FOLD_ROWS = 12

/**
 * One `db.batch` that merges folded rows into the stored ones (same `clientId`: counts add up, the span
 * widens, the newest properties stay) and deletes the raw events they replace. Both happen or neither.
 * @example await foldEvents(db, folded, rows.map((r) => r.id))
 */
export const foldEvents = async (db: Db, folded: readonly FoldedEvent[], rawIds: readonly number[]) => {
  const upserts = chunk(folded, FOLD_ROWS).map((part) =>
    db
      .insert(events)
      .values(part.map((f) => ({ ...f, receivedAt: f.occurredAt })))
      .onConflictDoUpdate({
        target: events.clientId,
        set: {
          count: sql`${events.count} + excluded.count`,
          properties: sql`case when excluded.occurred_at > ${events.occurredAt} then excluded.properties else ${events.properties} end`,
          occurredAt: sql`max(${events.occurredAt}, excluded.occurred_at)`,
          firstOccurredAt: sql`min(${events.firstOccurredAt}, excluded.first_occurred_at)`,
        },
      }),
  )
  const deletes = chunk(rawIds, IN_CHUNK).map((part) => db.delete(events).where(inArray(events.id, part)))
  const statements = [...upserts, ...deletes]
  if (statements.length === 0) return
  await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]])
}
