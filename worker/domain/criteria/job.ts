/**
 * A criteria change over open leads as a background job on Cloudflare Queues: the request records the job and
 * enqueues its first chunk; each message rescores chunks of open leads (keyset by id) one after another, each
 * in two round trips (`chunk.ts`), counts their progress and enqueues the next message. Within a message the
 * work is pipelined: the next chunk's read is in flight while one is scored, and a chunk that hands nobody off
 * is scored while the one before it is still being written (its batch goes out only after that write), so the
 * worker's CPU and D1's overlap. Chunks run in order: miniflare's local queue dispatches one batch at a time
 * whatever `max_concurrency` says, so parallel consumers would not run in parallel under `wrangler dev`.
 * @module
 */
import { addCriteriaJobProgress, getCriteriaJob, insertCriteriaJob } from '../../db/queries/criteria-jobs'
import { getCriteriaVersion, type StoredCriteria } from '../../db/queries/criteria'
import { newId } from '../../lib/crypto'
import type { DomainCtx } from '../context'
import { type ChunkRead, readChunk, rescoreChunk } from './chunk'
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
 * Chunks one message may run back to back while they hand nobody off: each such chunk costs about 5 D1
 * statements (its read, its score and journey writes, its progress), so even when the last of them hands off a
 * full batch (about 660 with its alerts) the invocation stays under D1's 1,000 queries, and the queue's hop
 * between messages (about 40 ms under wrangler dev) is saved.
 */
export const CHUNKS_PER_MESSAGE = 16

type Step = {
  next: CriteriaJobMessage | null
  done: number
  changed: number
  handedOff: number
  counted: boolean
  writing?: Promise<unknown>
}

/** One step of a job: hand off leads a chunk left over, or rescore the chunk `read` after the cursor. */
const runStep = async (
  ctx: DomainCtx,
  msg: CriteriaJobMessage,
  criteria: StoredCriteria,
  read: ChunkRead | null,
  after: Promise<unknown>,
): Promise<Step> => {
  if (!read) {
    const handOff = msg.handOff ?? []
    const handedOff = await handOffBatch(ctx, handOff.slice(0, HANDOFFS_PER_MESSAGE))
    const next = nextMessage(msg, msg.after, handOff.slice(HANDOFFS_PER_MESSAGE), msg.last ?? false)
    return { next, done: 0, changed: 0, handedOff, counted: false }
  }
  const last = read.rows.length < JOB_CHUNK
  const out = await rescoreChunk(ctx, read, {
    jobId: msg.jobId,
    criteria,
    maxHandOffs: HANDOFFS_PER_MESSAGE,
    last,
    after,
  })
  const next = nextMessage(msg, read.rows.at(-1)?.id ?? msg.after, out.deferred, last)
  const { done, changed, handedOff, counted, writing } = out
  return { next, done, changed, handedOff, counted, writing }
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
  let ahead = msg.handOff ? null : readChunk(ctx, msg.after, JOB_CHUNK)
  // A light chunk's write, still in flight while the next chunk is scored.
  let written: Promise<unknown> = Promise.resolve()
  for (let run = 1; ; run++) {
    const read = ahead ? await ahead : null
    ahead = null
    // The next chunk's read goes out now, so that D1 runs it while this chunk is scored: its cursor is this
    // chunk's last id, and its leads are not this chunk's. A message that stops after this chunk wastes it.
    if (read && read.rows.length === JOB_CHUNK && run < chunks) {
      ahead = readChunk(ctx, read.rows.at(-1)!.id, JOB_CHUNK)
      ahead.catch(() => {}) // awaited below or settled before the message ends; not unhandled meanwhile
    }
    const { next, counted, writing, ...progress } = await runStep(ctx, current, criteria, read, written)
    written = writing ?? Promise.resolve()
    // Progress per chunk, so the admin's bar moves while one message runs several.
    if (!counted) await addCriteriaJobProgress(ctx.db, job.id, { ...progress, last: next === null, now: ctx.now })
    const light = !current.handOff && !!next && !next.handOff && progress.handedOff === 0
    if (!next || !light || run >= chunks) {
      await ahead?.catch(() => null)
      await written
      if (next) await ctx.env.CRITERIA_JOBS.send(next)
      return
    }
    current = next
  }
}
