#!/usr/bin/env node
/**
 * Benchmark of a criteria change over N open leads: `PUT /v1/admin/criteria` with one rule's points moved,
 * so every open lead is rescored (none crosses a threshold, so the figure is the rescore, not hand-offs).
 *
 *   SIZES=10000,100000 RUNS=3 node bench/criteria.mjs
 *
 * The PUT answers 202 with a background job (`job: { id }`, Cloudflare Queues): the PUT's own time is
 * reported apart and the job is polled (`/v1/admin/criteria/jobs/<id>`) until it says it is done (a job that
 * ends `failed` fails the bench). An answer without a job (the work done inside the request) is timed as the
 * PUT alone.
 * @module
 */
import { pathToFileURL } from 'node:url'
import { runCleanup } from './lib/cleanup.mjs'
import { median, timed } from './lib/stats.mjs'
import { insertRows } from './lib/sql.mjs'
import { createDatabase, startDev } from './lib/worker.mjs'

const DAY = 86_400_000
const TITLES = ['Marketing Manager', 'Director of Engineering', 'Sales Lead', 'Growth Manager', 'Head of IT']
const INDUSTRIES = ['Software', 'Retail', 'SaaS', 'Healthcare']

/**
 * `n` open leads (status new/mql, nobody assigned) with two events each: fit of 20–50 points under the
 * default criteria, under the SQL threshold with or without the one-point change.
 */
export const openLeadsSql = (n, now, { prefix = 'lead_c', assignee = null, status = null } = {}) => {
  const leads = []
  const events = []
  for (let i = 0; i < n; i++) {
    const id = `${prefix}${i}`
    const at = now - (i % 60) * DAY
    leads.push([
      id,
      `${prefix}${i}@open${i % 500}.io`,
      `${prefix}${i}@open${i % 500}.io`,
      `Open ${i}`,
      TITLES[i % TITLES.length],
      `Open ${i % 500}`,
      INDUSTRIES[i % INDUSTRIES.length],
      20 + (i % 3000),
      'US',
      status ?? (i % 3 ? 'mql' : 'new'),
      30,
      assignee,
      assignee ? at : null,
      at,
      at,
    ])
    events.push([`${id}-pv`, id, 'page_view', at, JSON.stringify({ path: '/pricing' })])
    events.push([`${id}-dl`, id, 'content_download', at + 1000, JSON.stringify({ asset: 'guide' })])
  }
  return [
    insertRows(
      'leads',
      [
        'id',
        'email',
        'email_norm',
        'first_name',
        'title',
        'company_name',
        'industry',
        'employees',
        'country',
        'status',
        'score_total',
        'assignee_id',
        'assigned_at',
        'created_at',
        'updated_at',
      ],
      leads,
    ),
    insertRows('events', ['client_id', 'lead_id', 'type', 'occurred_at', 'properties'], events),
  ].join('\n')
}

const jobOf = (body) => body?.job ?? (body?.jobId ? { id: body.jobId } : null)
const finished = (j) =>
  j?.done === true || ['done', 'completed', 'complete', 'succeeded', 'failed', 'error'].includes(j?.state ?? j?.status)

/** Polls a criteria job until it is done; its wall-clock time from the PUT's start. */
const waitJob = async (api, job, t0) => {
  const url = job.url ?? `/v1/admin/criteria/jobs/${job.id}`
  for (;;) {
    const body = await api(url)
    const j = body?.job ?? body
    if (finished(j)) {
      if (['failed', 'error'].includes(j.state ?? j.status))
        throw new Error(`criteria job failed: ${JSON.stringify(j)}`)
      return performance.now() - t0
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

/**
 * For each size: a throwaway D1 with that many open leads, then `runs` criteria changes (a rule's points
 * one up, then back down, alternately). Returns per size the PUT times, job times (null when the PUT does
 * the work itself) and how many leads each change reported as rescored.
 */
export const benchCriteria = async ({ sizes, runs }) => {
  const out = []
  for (const n of sizes) {
    const db = createDatabase(`criteria-${n}`)
    try {
      db.load(openLeadsSql(n, Date.now()))
      const worker = await startDev(db)
      try {
        const { document } = await worker.api('/v1/admin/criteria')
        const put = []
        const job = []
        let rescored = null
        for (let r = 0; r < runs; r++) {
          const fit = document.fit.map((f, i) => (i === 0 ? { ...f, points: f.points + (r % 2 ? 0 : 1) } : f))
          const t0 = performance.now()
          const { ms, out: body } = await timed(() =>
            worker.api('/v1/admin/criteria', { method: 'PUT', json: { ...document, fit } }),
          )
          put.push(ms)
          const j = jobOf(body)
          job.push(j ? await waitJob(worker.api, j, t0) : null)
          rescored = body?.rescored ?? rescored
        }
        out.push({ n, put, job, rescored })
      } finally {
        await worker.stop()
      }
    } finally {
      await db.remove()
    }
  }
  return out
}

const main = async () => {
  const sizes = (process.env.SIZES ?? '10000,100000').split(',').map(Number)
  for (const r of await benchCriteria({ sizes, runs: Number(process.env.RUNS ?? 3) })) {
    const jobs = r.job.filter((x) => x !== null)
    console.log(
      `${r.n} open leads: PUT median ${median(r.put).toFixed(0)} ms` +
        (jobs.length ? `, job median ${median(jobs).toFixed(0)} ms` : ' (rescored inside the request)') +
        `; rescored ${JSON.stringify(r.rescored)}`,
    )
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main()
    .catch((err) => {
      console.error(err)
      process.exitCode = 1
    })
    .finally(runCleanup)
}
