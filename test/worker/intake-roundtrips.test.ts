import { env } from 'cloudflare:test'
import { drizzle } from 'drizzle-orm/d1'
import { describe, expect, it } from 'vitest'
import * as schema from '../../worker/db/schema'
import { getCurrentCriteria } from '../../worker/db/queries/criteria'
import { insertCriteriaJob } from '../../worker/db/queries/criteria-jobs'
import { runCriteriaChunk } from '../../worker/domain/criteria/job'
import { ingestLead } from '../../worker/domain/intake/ingest-leads'
import { api, drainCriteriaJob } from './helpers'
import { countRoundTrips } from './round-trips'

const db = () => drizzle(env.DB, { schema, casing: 'snake_case' })

describe('D1 round trips of intake', () => {
  it('ingestLead of a new lead without events: 2 round trips (one batched read, one batched write)', async () => {
    await ingestLead({ db: db(), env, now: Date.now() }, { email: 'warmup@trips-co.io' }) // stores the default criteria once
    const trips = await countRoundTrips(() =>
      ingestLead(
        { db: db(), env, now: Date.now() },
        { email: 'new@trips-co.io', title: 'Engineer', company: { name: 'Trips' } },
      ),
    )
    console.log(`ingestLead (new lead): ${trips} round trips`)
    expect(trips).toBeLessThanOrEqual(2)
  })

  it('POST /v1/leads with an Idempotency-Key stays within 6 round trips', async () => {
    await api('/v1/leads', { json: { email: 'warm2@trips-co.io' } })
    const trips = await countRoundTrips(async () => {
      const res = await api('/v1/leads', {
        headers: { 'Idempotency-Key': 'trip-1' },
        json: { email: 'route@trips-co.io', title: 'Engineer' },
      })
      expect(res.status).toBe(201)
    })
    console.log(`POST /v1/leads (new lead, idempotency key, brief): ${trips} round trips`)
    expect(trips).toBeGreaterThan(0)
    expect(trips).toBeLessThanOrEqual(6)
  })

  it('a criteria PUT rescores 300 open leads in batches, not one round trip per lead', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `bulk${i}@trips-co.io,Director of Sales`)
    const imp = await api('/v1/admin/import', {
      body: ['email,title', ...rows].join('\n'),
      headers: { 'Content-Type': 'text/csv' },
    })
    expect(imp.status).toBe(200)
    const doc = (await (await api('/v1/admin/criteria')).json()) as {
      document: { fit: Array<{ id: string; points: number }> }
    }
    doc.document.fit = doc.document.fit.map((r) => ({ ...r, points: r.points + 1 }))
    let jobId = ''
    // The PUT itself only records the job and enqueues its first chunk.
    const trips = await countRoundTrips(async () => {
      const res = await api('/v1/admin/criteria', { method: 'PUT', json: doc.document })
      expect(res.status).toBe(202)
      jobId = ((await res.json()) as { job: { id: string } }).job.id
    })
    const job = await drainCriteriaJob(jobId)
    console.log(`criteria PUT over ${job.total} open leads: ${trips} round trips; the job changed ${job.changed}`)
    expect(job.changed).toBeGreaterThanOrEqual(300)
    expect(trips).toBeLessThan(8)
  })

  it('one chunk of a criteria job (up to 500 open leads) stays far inside D1 query limits', async () => {
    const now = Date.now()
    const criteria = await getCurrentCriteria(db())
    await insertCriteriaJob(db(), { id: 'cjob_trips', version: criteria.version, now })
    const trips = await countRoundTrips(() =>
      runCriteriaChunk({ db: db(), env, now }, { jobId: 'cjob_trips', version: criteria.version, after: '' }),
    )
    const job = (await env.DB.prepare("select done from criteria_jobs where id = 'cjob_trips'").first<{
      done: number
    }>())!
    console.log(`criteria job chunk of ${job.done} open leads: ${trips} round trips`)
    expect(job.done).toBeGreaterThanOrEqual(300)
    expect(trips).toBeLessThan(20)
  })
})
