/**
 * A criteria job whose chunk keeps throwing: the queue retries it (`max_retries` in wrangler.toml), then the
 * job ends `failed` with the error instead of staying `running`.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_CRITERIA } from '../../shared/default-criteria'
import { CriteriaJob } from '../../shared/schemas/intake'
import { insertCriteriaJob } from '../../worker/db/queries/criteria-jobs'
import { CRITERIA_JOB_ATTEMPTS, consumeCriteriaMessage } from '../../worker/domain/criteria/consumer'
import { api, drainCriteriaJob } from './helpers'
import { ctxAt, db } from './brief-fixtures'

const jobRow = (id: string) =>
  env.DB.prepare('select status, error from criteria_jobs where id = ?').bind(id).first<{ status: string }>()

describe('criteria job failures', () => {
  it('retries a throwing chunk, then marks the job failed with the error on the last attempt', async () => {
    const now = Date.now()
    await insertCriteriaJob(db, { id: 'cjob_throws', version: 1, now })
    const run = vi.fn(async () => {
      throw new Error('D1_ERROR: database is locked')
    })
    for (let attempts = 1; attempts <= CRITERIA_JOB_ATTEMPTS; attempts++) {
      const message = { body: { jobId: 'cjob_throws', version: 1, after: '' }, attempts, ack: vi.fn(), retry: vi.fn() }
      await consumeCriteriaMessage(ctxAt(now), message, run)
      const last = attempts === CRITERIA_JOB_ATTEMPTS
      expect(message.retry).toHaveBeenCalledTimes(last ? 0 : 1)
      expect(message.ack).toHaveBeenCalledTimes(last ? 1 : 0)
      expect(await jobRow('cjob_throws')).toEqual(
        last ? { status: 'failed', error: 'Error: D1_ERROR: database is locked' } : { status: 'queued', error: null },
      )
    }
    expect(run).toHaveBeenCalledTimes(CRITERIA_JOB_ATTEMPTS)
  })

  it('through the queue: a chunk that cannot read its leads ends the job failed, and GET says why', async () => {
    const now = Date.now()
    // A lead whose JSON column does not parse: every attempt at its chunk throws.
    await env.DB.prepare(
      `insert into leads (id, email, email_norm, fields, status, created_at, updated_at)
       values ('lead_broken', 'broken@fail.io', 'broken@fail.io', '{not json', 'new', ?, ?)`,
    )
      .bind(now, now)
      .run()
    const res = await api('/v1/admin/criteria', { method: 'PUT', json: DEFAULT_CRITERIA })
    expect(res.status).toBe(202)
    const { job } = (await res.json()) as { job: { id: string } }
    const final = await drainCriteriaJob(job.id)
    expect(final).toMatchObject({ status: 'failed', done: 0 })
    expect(final.error).toMatch(/JSON/)
    expect(CriteriaJob.parse(final).status).toBe('failed')
  }, 60_000)
})
