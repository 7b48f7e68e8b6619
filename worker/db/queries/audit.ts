/**
 * The audit log: one insert per change, read newest first by id (a keyset cursor, so pages stay stable while
 * new entries arrive).
 * @module
 */
import { and, desc, eq, like, lt, or, type SQL } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { auditLog } from '../schema'

export type AuditInsert = typeof auditLog.$inferInsert

/**
 * Records one change.
 * @example await insertAudit(db, { at: now, action: 'rep.update', actorName: 'ops', actorRole: 'admin', targetType: 'rep', targetId: 'rep_1', request: 'PUT /v1/admin/reps/rep_1' })
 */
export const insertAudit = (db: Db, row: AuditInsert) => db.insert(auditLog).values(row)

/**
 * A page of entries older than `before` (an id), newest first; `action` matches the whole action or its
 * resource (`rep` matches `rep.create`, `rep.update`…).
 * @example const rows = await listAudit(db, { limit: 50 })
 */
export const listAudit = (db: Db, q: { before?: number; limit: number; action?: string }) => {
  const where: SQL[] = []
  if (q.before !== undefined) where.push(lt(auditLog.id, q.before))
  if (q.action)
    where.push(or(eq(auditLog.action, q.action), like(auditLog.action, `${q.action.replace(/[%_]/g, '')}.%`))!)
  return db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(q.limit)
}
