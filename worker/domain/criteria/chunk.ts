/**
 * One chunk of a criteria job in two round trips: the page of open leads after a cursor and their events in
 * one read, then every write in one batch (the scores, the journey, the hand-off reads of the leads that newly
 * qualify and, when the chunk hands nobody off, the job's progress), then the chunk's hand-offs if any.
 * @module
 */
import type { BatchItem } from 'drizzle-orm/batch'
import type { ScoredEvent } from '../../../shared/schemas/criteria'
import type { StoredCriteria } from '../../db/queries/criteria'
import { addCriteriaJobProgress } from '../../db/queries/criteria-jobs'
import { eventsForLeadsInQuery, groupEvents } from '../../db/queries/events'
import { HAND_OFF_READS, type HandOffReads, handOffReadQueries, toHandOffReads } from '../../db/queries/handoff-reads'
import type { HistoryRow } from '../../db/queries/history'
import { type LeadRow, rescorablePageIds, rescorablePageQuery } from '../../db/queries/leads'
import { historyJsonInserts, type ScoreColumns, scorePatchStatements } from '../../db/queries/score-writes'
import type { DomainCtx } from '../context'
import { planScore } from '../intake/score-plan'
import { historyRows } from '../intake/write-plan'
import { handOffBatch } from './handoff-batch'

type Batch = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]

/** A chunk's leads (in id order) and their events by lead. */
export type ChunkRead = { rows: LeadRow[]; eventsByLead: Map<string, ScoredEvent[]> }

/**
 * Reads the next `limit` open leads after `after` and their events, in one round trip of two statements: the
 * events select their leads by the same keyset subquery, so the ids need not travel to the worker first.
 * @example const read = await readChunk(ctx, '', 500)
 */
export const readChunk = async (ctx: DomainCtx, after: string, limit: number): Promise<ChunkRead> => {
  const [rows, events] = await ctx.db.batch([
    rescorablePageQuery(ctx.db, after, limit),
    eventsForLeadsInQuery(ctx.db, rescorablePageIds(ctx.db, after, limit)),
  ])
  return { rows, eventsByLead: groupEvents(events) }
}

/** What a chunk did. */
export type ChunkOutcome = {
  done: number
  changed: number
  handedOff: number
  deferred: string[]
  /** The progress went with the writes (else the caller adds it). */
  counted: boolean
  /** A chunk that hands nobody off: its write batch, still in flight, for the caller to await. */
  writing?: Promise<unknown>
}

/**
 * Rescores a chunk read by {@link readChunk} and writes it in one batch. Only leads that newly reach the
 * threshold are handed off (not those already `sql`: waiting in the managers' queue or for the cron's retry),
 * at most `maxHandOffs` of them, in one batch of guarded hand-offs; the others come back as `deferred`. A chunk
 * that hands nobody off adds its counts to the job in that same batch (`last` closes the job).
 * @example const out = await rescoreChunk(ctx, read, { jobId, criteria, maxHandOffs: 25, last: false })
 */
export const rescoreChunk = async (
  ctx: DomainCtx,
  read: ChunkRead,
  job: { jobId: string; criteria: StoredCriteria; maxHandOffs: number; last: boolean; after?: Promise<unknown> },
): Promise<ChunkOutcome> => {
  const { db, now } = ctx
  const { document, version } = job.criteria
  const changed: Array<{ id: string; patch: ScoreColumns; sameStage: boolean }> = []
  const history: HistoryRow[] = []
  const qualifying: string[] = []
  const deferred: string[] = []
  for (const row of read.rows) {
    const plan = planScore(row, read.eventsByLead.get(row.id) ?? [], document, version, now, `criteria v${version}`)
    const { status, mqlAt, sqlAt } = plan.patch
    const sameStage = status === row.status && mqlAt === row.mqlAt && sqlAt === row.sqlAt
    if (plan.changed) changed.push({ id: row.id, patch: plan.patch, sameStage })
    history.push(...historyRows(row.id, plan.history, now, ctx.actor ?? null))
    if (!plan.needsHandOff || row.status === 'sql') continue
    if (qualifying.length >= job.maxHandOffs) deferred.push(row.id)
    else qualifying.push(row.id)
  }
  const counts = { done: read.rows.length, changed: changed.length }
  // Set-based: a constant number of statements whatever the number of changed leads.
  const writes = [...scorePatchStatements(db, changed, now), ...historyJsonInserts(db, history)]
  // After the writes, in their batch: the hand-off reads see the new scores.
  const reads = qualifying.flatMap((id) => handOffReadQueries(db, id))
  // With hand-offs the progress waits for them: the job's counts (and its end) include what they did.
  const progress =
    qualifying.length === 0
      ? [addCriteriaJobProgress(db, job.jobId, { ...counts, handedOff: 0, last: job.last, now })]
      : []
  const statements = [...writes, ...reads, ...progress]
  // The previous chunk's write first: batches go out in order, and one that failed stops the message here.
  await job.after
  const write = statements.length > 0 ? db.batch(statements as unknown as Batch) : Promise.resolve([])
  if (qualifying.length === 0) {
    write.catch(() => {}) // the caller awaits it; not unhandled meanwhile
    return { ...counts, handedOff: 0, deferred, counted: true, writing: write }
  }
  const results = await write
  const prefetched = new Map<string, HandOffReads>()
  qualifying.forEach((id, k) => {
    const at = writes.length + k * HAND_OFF_READS
    prefetched.set(id, toHandOffReads(results.slice(at, at + HAND_OFF_READS)))
  })
  const handedOff = qualifying.length > 0 ? await handOffBatch(ctx, qualifying, prefetched) : 0
  return { ...counts, handedOff, deferred, counted: progress.length > 0 }
}
