/**
 * The writes of a rep's (or a CRM's) touch and disposition, as statements for one `db.batch`, plus the
 * reads they start from.
 * @module
 */
import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { dispositions, leads, touches } from '../schema'

/** What a touch or a disposition needs to know of the lead, or undefined. */
export const leadForOutcome = (db: Db, leadId: string) =>
  db.query.leads.findFirst({
    where: eq(leads.id, leadId),
    columns: { id: true, status: true, assigneeId: true, firstTouchAt: true, outcomeAt: true },
  })

export const insertTouch = (db: Db, row: typeof touches.$inferInsert) => db.insert(touches).values(row)

/**
 * Marks the lead's first touch, conditional on `first_touch_at` still being null, so two racing first
 * touches cannot both win; an `assigned` lead becomes `contacted`.
 */
export const markFirstTouch = (db: Db, leadId: string, at: number, now: number, contacted: boolean) =>
  db
    .update(leads)
    .set({ firstTouchAt: at, updatedAt: now, ...(contacted ? { status: 'contacted' } : {}) })
    .where(and(eq(leads.id, leadId), isNull(leads.firstTouchAt)))

export const insertDisposition = (db: Db, row: typeof dispositions.$inferInsert) => db.insert(dispositions).values(row)

/** Moves the lead to an outcome's status (and its reason or won amount). */
export const setLeadOutcome = (db: Db, leadId: string, set: Partial<typeof leads.$inferInsert>) =>
  db.update(leads).set(set).where(eq(leads.id, leadId))
