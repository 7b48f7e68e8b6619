/**
 * The queue consumer of criteria jobs: runs each message's chunk, lets the queue retry one that throws, and
 * ends the job `failed` with the error once the last attempt fails, so the admin sees it instead of a job
 * that stays `running` forever.
 * @module
 */
import { failCriteriaJob } from '../../db/queries/criteria-jobs'
import type { DomainCtx } from '../context'
import { type CriteriaJobMessage, runCriteriaChunk } from './job'

/** Deliveries of one message: the first and `max_retries = 3` retries (`wrangler.toml`, keep in step). */
export const CRITERIA_JOB_ATTEMPTS = 4

const errorText = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 500)

/**
 * Handles one message: acked when its chunk ran, retried when it threw with attempts left, else acked with
 * the job marked `failed`. `run` is the chunk (tests pass one that throws).
 * @example for (const m of batch.messages) await consumeCriteriaMessage(ctx, m)
 */
export const consumeCriteriaMessage = async (
  ctx: DomainCtx,
  message: Pick<Message<CriteriaJobMessage>, 'body' | 'attempts' | 'ack' | 'retry'>,
  run: typeof runCriteriaChunk = runCriteriaChunk,
) => {
  try {
    await run(ctx, message.body)
    message.ack()
  } catch (err) {
    console.error('criteria job chunk failed', message.body.jobId, `attempt ${message.attempts}`, err)
    if (message.attempts < CRITERIA_JOB_ATTEMPTS) return message.retry()
    await failCriteriaJob(ctx.db, message.body.jobId, errorText(err), ctx.now)
    message.ack()
  }
}
