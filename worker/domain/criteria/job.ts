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
import { rescoreAfter } from '../intake/rescore'
import type { ScorePlan } from '../intake/score-plan'
import { handOffBatch } from './handoff-batch'

/** Leads per queue message. */
export const JOB_CHUNK = 500

/**
 * Hand-offs per message. Each costs about 25 D1 statements (its read and its guarded writes) and its alerts'
 * delivery a few more, so 25 keep a message that also rescores 500 leads under D1's 1,000 queries per
 * invocation; a chunk with more newly qualifying leads passes the rest on to the next message.
 */
export const HANDOFFS_PER_MESSAGE = 25

/**
 * The body of one queue message: which job, which version, and the id after which its chunk starts; or,
 * with `handOff`, leads of the chunk before `after` still to hand off (then `last`: no chunk follows).
 */
export type CriteriaJobMessage = {
  jobId: string
  version: number
  after: string
  handOff?: string[]
  last?: boolean
}

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

/** The message after this one's work: hand-offs left over first, then the next chunk, else none. */
const nextMessage = (msg: CriteriaJobMessage, after: string, left: string[], last: boolean) => {
  const base = { jobId: msg.jobId, version: msg.version, after }
  if (left.length > 0) return { ...base, handOff: left, last } satisfies CriteriaJobMessage
  return last ? null : (base satisfies CriteriaJobMessage)
}

/**
 * Chunks one message may run back to back while they hand nobody off: each such chunk costs about 8 D1
 * statements, so even when the last of them hands off a full batch (about 670 with its alerts) the
 * invocation stays under D1's 1,000 queries, and the queue's hop between messages is saved.
 */
export const CHUNKS_PER_MESSAGE = 8

type Step = { next: CriteriaJobMessage | null; done: number; changed: number; handedOff: number }

/** One step of a job: hand off leads a chunk left over, or rescore the chunk after the cursor. */
const runStep = async (ctx: DomainCtx, msg: CriteriaJobMessage, criteria: StoredCriteria): Promise<Step> => {
  if (msg.handOff) {
    const handedOff = await handOffBatch(ctx, msg.handOff.slice(0, HANDOFFS_PER_MESSAGE))
    const next = nextMessage(msg, msg.after, msg.handOff.slice(HANDOFFS_PER_MESSAGE), msg.last ?? false)
    return { next, done: 0, changed: 0, handedOff }
  }
  const page = await rescorableLeadIds(ctx.db, msg.after, JOB_CHUNK)
  const out =
    page.length > 0
      ? await rescoreAfter(ctx, page, {
          criteria,
          reason: `criteria v${criteria.version}`,
          batchHandOff: { max: HANDOFFS_PER_MESSAGE },
        })
      : { plans: new Map<string, ScorePlan>(), handedOff: 0, deferred: [] }
  let changed = 0
  for (const p of out.plans.values()) if (p.changed) changed++
  const next = nextMessage(msg, page.at(-1) ?? msg.after, out.deferred, page.length < JOB_CHUNK)
  return { next, done: page.length, changed, handedOff: out.handedOff }
}

/**
 * Runs a message of the job: rescores its chunk (and, while they hand nobody off, up to
 * `CHUNKS_PER_MESSAGE` chunks after it) or hands off leads an earlier chunk left over, records the progress
 * of each, and enqueues the next message (or closes the job). Only leads that newly reach the threshold are
 * handed off, in batches of guarded hand-offs, so a lead already handed off or waiting in the managers' queue
 * is never handed off twice.
 * @example await runCriteriaChunk(ctx, message.body)
 */
export const runCriteriaChunk = async (ctx: DomainCtx, msg: CriteriaJobMessage) => {
  const [job, criteria] = await Promise.all([
    getCriteriaJob(ctx.db, msg.jobId),
    getCriteriaVersion(ctx.db, msg.version),
  ])
  if (!job || !criteria || job.status === 'done' || job.status === 'failed') return
  // The first message runs one chunk: its invocation can start while the request that enqueued it is still
  // answering, in the same isolate (always so under wrangler dev), and eight chunks there held that answer
  // back (10k open leads: PUT 130 → 550 ms).
  const chunks = msg.after === '' && !msg.handOff ? 1 : CHUNKS_PER_MESSAGE
  let current = msg
  for (let run = 1; ; run++) {
    const { next, ...progress } = await runStep(ctx, current, criteria)
    // Progress per chunk, so the admin's bar moves while one message runs several.
    await addCriteriaJobProgress(ctx.db, job.id, { ...progress, last: next === null, now: ctx.now })
    if (!next) return
    const light = !current.handOff && !next.handOff && progress.handedOff === 0
    if (!light || run >= chunks) return void (await ctx.env.CRITERIA_JOBS.send(next))
    current = next
  }
}
