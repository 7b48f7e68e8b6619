/**
 * Criteria jobs: a criteria change applied to open leads in the background, its progress counted per chunk.
 * @module
 */
import { and, count, eq, inArray, ne, sql } from 'drizzle-orm'
import { RESCORABLE } from '../../../shared/lead-status-sets'
import type { Db } from '../../app-env'
import { criteriaJobs, leads } from '../schema'

export type CriteriaJob = typeof criteriaJobs.$inferSelect

/**
 * Records a queued job over the open leads counted now (two statements: the count, then the insert).
 * @example const job = await insertCriteriaJob(db, { id, version: 4, now })
 */
export const insertCriteriaJob = async (db: Db, job: { id: string; version: number; now: number }) => {
  const [row] = await db
    .select({ n: count() })
    .from(leads)
    .where(inArray(leads.status, [...RESCORABLE]))
  const total = row?.n ?? 0
  await db
    .insert(criteriaJobs)
    .values({ id: job.id, version: job.version, total, status: 'queued', createdAt: job.now, updatedAt: job.now })
  return total
}

/**
 * One job by id, or undefined.
 * @example const job = await getCriteriaJob(db, 'cjob_1')
 */
export const getCriteriaJob = async (db: Db, id: string): Promise<CriteriaJob | undefined> =>
  (await db.select().from(criteriaJobs).where(eq(criteriaJobs.id, id)).limit(1))[0]

/**
 * Adds one chunk's counts (one statement); `last` closes the job, its total then what was actually read.
 * @example await addCriteriaJobProgress(db, 'cjob_1', { done: 500, changed: 20, handedOff: 3, last: false, now })
 */
export const addCriteriaJobProgress = (
  db: Db,
  id: string,
  p: { done: number; changed: number; handedOff: number; last: boolean; now: number },
) =>
  db
    .update(criteriaJobs)
    .set({
      done: sql`${criteriaJobs.done} + ${p.done}`,
      changed: sql`${criteriaJobs.changed} + ${p.changed}`,
      handedOff: sql`${criteriaJobs.handedOff} + ${p.handedOff}`,
      status: p.last ? 'done' : 'running',
      ...(p.last ? { total: sql`${criteriaJobs.done} + ${p.done}` } : {}),
      updatedAt: p.now,
    })
    .where(eq(criteriaJobs.id, id))

/**
 * Ends a job that is not done as `failed` with its error (one statement); a job already done stays done.
 * @example await failCriteriaJob(db, 'cjob_1', 'D1_ERROR: …', now)
 */
export const failCriteriaJob = (db: Db, id: string, error: string, now: number) =>
  db
    .update(criteriaJobs)
    .set({ status: 'failed', error, updatedAt: now })
    .where(and(eq(criteriaJobs.id, id), ne(criteriaJobs.status, 'done')))
