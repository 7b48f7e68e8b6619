/**
 * A criteria change over open leads as a background job on Cloudflare Queues: the request records the job and
 * enqueues its first chunk; each message rescores one chunk of open leads (keyset by id), counts its progress
 * and enqueues the next chunk. One chunk per invocation keeps every consumer run far inside D1's query limit.
 * @module
 */
import { addCriteriaJobProgress, getCriteriaJob, insertCriteriaJob } from '../../db/queries/criteria-jobs'
import { getCriteriaVersion, type StoredCriteria } from '../../db/queries/criteria'
import { rescorableLeadIds } from '../../db/queries/leads'
import { newId } from '../../lib/crypto'
import type { DomainCtx } from '../context'
import { rescoreLeads } from '../intake/rescore'

/** Leads per queue message. */
export const JOB_CHUNK = 500

/** The body of one queue message: which job, which version, and the id after which its chunk starts. */
export type CriteriaJobMessage = { jobId: string; version: number; after: string }

/**
 * Records the job and enqueues its first chunk; answers the job's id and how many open leads it covers.
 * @example const { id } = await startCriteriaJob(ctx, saved)
 */
export const startCriteriaJob = async (ctx: DomainCtx, criteria: StoredCriteria) => {
  const id = newId('cjob')
  const total = await insertCriteriaJob(ctx.db, { id, version: criteria.version, now: ctx.now })
  await ctx.env.CRITERIA_JOBS.send({ jobId: id, version: criteria.version, after: '' } satisfies CriteriaJobMessage)
  return { id, total }
}

/**
 * Rescores one chunk of the job and enqueues the next (or closes the job). Hand-offs go through the guarded
 * hand-off, so a lead already waiting or already handed off is never handed off twice.
 * @example await runCriteriaChunk(ctx, message.body)
 */
export const runCriteriaChunk = async (ctx: DomainCtx, msg: CriteriaJobMessage) => {
  const [job, criteria] = await Promise.all([
    getCriteriaJob(ctx.db, msg.jobId),
    getCriteriaVersion(ctx.db, msg.version),
  ])
  if (!job || !criteria || job.status === 'done') return
  const page = await rescorableLeadIds(ctx.db, msg.after, JOB_CHUNK)
  const plans =
    page.length > 0 ? await rescoreLeads(ctx, page, { criteria, reason: `criteria v${criteria.version}` }) : new Map()
  let changed = 0
  let handedOff = 0
  for (const p of plans.values()) {
    if (p.changed) changed++
    if (p.needsHandOff) handedOff++
  }
  const last = page.length < JOB_CHUNK
  await addCriteriaJobProgress(ctx.db, job.id, { done: page.length, changed, handedOff, last, now: ctx.now })
  if (!last) await ctx.env.CRITERIA_JOBS.send({ ...msg, after: page[page.length - 1]! } satisfies CriteriaJobMessage)
}
