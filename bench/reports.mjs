#!/usr/bin/env node
/**
 * Benchmark of the reports on 100,000 leads over 90 days, on a throwaway local D1 under wrangler dev.
 *
 *   node bench/reports.mjs                 # 100,000 leads, 5 runs per report
 *   LEADS=20000 RUNS=3 node bench/reports.mjs
 * Importable: `benchReports({ leads, runs })` (npm run bench).
 *
 * Generates the leads with their assignments (8% reassigned after a breach), SLA clocks, touches and
 * dispositions as SQL, bulk-loads it with `wrangler d1 execute --local --persist-to <tmp> --file`, starts
 * `wrangler dev --persist-to <tmp>` on a free 127.0.0.1 port, times every report endpoint (median of RUNS,
 * after one warm-up call) and fails when a median is 1 s or more. The temp directory is removed at the end.
 */
import { pathToFileURL } from 'node:url'
import { runCleanup } from './lib/cleanup.mjs'
import { median } from './lib/stats.mjs'
import { ADMIN, createDatabase, startDev } from './lib/worker.mjs'

const LIMIT_MS = 1000
const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const NOW = Date.UTC(2026, 10, 23, 15, 0)

/** mulberry32: the same data on every run. */
const rng = (seed) => () => {
  seed = (seed + 0x6d2b79f5) >>> 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
let rnd = rng(90210)
const pick = (list) => list[Math.floor(rnd() * list.length)]
const q = (s) => (s === null ? 'NULL' : `'${String(s).replaceAll("'", "''")}'`)

const REPS = Array.from({ length: 40 }, (_, i) => `rep_b${i}`)
const SOURCES = {
  website: [null],
  'google-ads': ['brand', 'competitor'],
  'linkedin-ads': ['abm-q3', 'abm-q4'],
  webinar: ['w1', 'w2', 'w3'],
  content: ['ebook', 'guide'],
  events: ['expo'],
}
const REASONS = ['no budget', 'no authority', 'not a fit', 'timing', 'student', 'competitor']

/** SQL statements (multi-row INSERTs of 500) for `LEADS` leads over 90 days, the same on every run. */
const datasetSql = (LEADS) => {
  rnd = rng(90210)
  const rows = { leads: [], assignments: [], sla_clocks: [], touches: [], dispositions: [] }
  rows.reps ??= []
  for (const r of REPS) rows.reps.push(`(${q(r)}, ${q(`Rep ${r}`)}, ${q(`${r}@bench.test`)})`)
  for (let i = 0; i < LEADS; i++) {
    const id = `lead_b${i}`
    const created = NOW - Math.floor(rnd() * 90 * DAY)
    const source = pick(Object.keys(SOURCES))
    const campaign = pick(SOURCES[source])
    const mql = rnd() < 0.7 ? created + Math.floor(rnd() * 3 * DAY) : null
    const handed = mql !== null && rnd() < 0.6
    let status = mql ? 'mql' : 'new'
    let sql = null
    let assignee = null
    let firstTouch = null
    if (handed) {
      sql = mql + Math.floor(rnd() * DAY)
      const rep = pick(REPS)
      const due = sql + HOUR
      const r = rnd()
      const delay = r < 0.4 ? rnd() * 5 * MIN : r < 0.75 ? rnd() * HOUR : r < 0.93 ? rnd() * 2 * DAY : null
      const reassigned = delay === null || (delay > 2 * HOUR && rnd() < 0.5)
      rows.assignments.push(
        `(${q(`asg_${i}`)}, ${q(id)}, ${q(rep)}, 'rule', 'bench', ${sql}, ${reassigned ? due + 15 * MIN : 'NULL'}, ${reassigned ? "'sla_breach'" : 'NULL'})`,
      )
      assignee = rep
      if (reassigned) {
        assignee = pick(REPS)
        rows.assignments.push(
          `(${q(`asg_${i}b`)}, ${q(id)}, ${q(assignee)}, 'reassign', 'bench', ${due + 15 * MIN}, NULL, NULL)`,
        )
      }
      firstTouch = delay === null ? null : Math.floor(sql + delay)
      const met1 = firstTouch !== null && !reassigned ? firstTouch : null
      rows.sla_clocks.push(
        `(${q(`clk_${i}`)}, ${q(id)}, ${q(`asg_${i}`)}, ${q(rep)}, 'SQL', ${sql}, ${due}, ${met1 ?? 'NULL'}, ${reassigned ? due + 15 * MIN : 'NULL'}, ${met1 === null || met1 > due ? due : 'NULL'})`,
      )
      if (reassigned) {
        const start = due + 15 * MIN
        const met2 = firstTouch !== null && firstTouch > start ? firstTouch : null
        rows.sla_clocks.push(
          `(${q(`clk_${i}b`)}, ${q(id)}, ${q(`asg_${i}b`)}, ${q(assignee)}, 'SQL', ${start}, ${start + HOUR}, ${met2 ?? 'NULL'}, NULL, ${met2 === null || met2 > start + HOUR ? start + HOUR : 'NULL'})`,
        )
      }
      status = 'assigned'
      if (firstTouch !== null) {
        status = 'contacted'
        rows.touches.push(`(${q(`tch_${i}`)}, ${q(id)}, ${q(assignee)}, 'call', ${firstTouch})`)
        const o = rnd()
        const t = firstTouch + DAY
        const disp = (n, outcome, reason, amount, at) =>
          rows.dispositions.push(
            `(${q(`dsp_${i}_${n}`)}, ${q(id)}, ${q(assignee)}, ${q(outcome)}, ${q(reason)}, ${amount ?? 'NULL'}, ${at})`,
          )
        if (o < 0.15) {
          disp(0, 'disqualified', pick(REASONS), null, t)
          status = 'disqualified'
        } else if (o < 0.7) {
          disp(0, 'accepted', null, null, t)
          status = 'accepted'
          if (rnd() < 0.5) {
            disp(1, 'converted', null, null, t + 3 * DAY)
            status = 'converted'
            const w = rnd()
            if (w < 0.4) {
              disp(2, 'won', null, Math.floor(rnd() * 90_000), t + 20 * DAY)
              status = 'won'
            } else if (w < 0.7) {
              disp(2, 'lost', pick(REASONS), null, t + 20 * DAY)
              status = 'lost'
            }
          }
        }
      }
    }
    rows.leads.push(
      `(${q(id)}, ${q(`l${i}@bench.test`)}, ${q(`l${i}@bench.test`)}, ${q(source)}, ${q(campaign)}, ${q(status)}, ${mql ?? 'NULL'}, ${sql ?? 'NULL'}, ${q(assignee)}, ${sql ?? 'NULL'}, ${firstTouch ?? 'NULL'}, ${created}, ${created})`,
    )
  }
  const cols = {
    reps: 'id, name, email',
    leads:
      'id, email, email_norm, source, campaign, status, mql_at, sql_at, assignee_id, assigned_at, first_touch_at, created_at, updated_at',
    assignments: 'id, lead_id, rep_id, rule, reason, assigned_at, ended_at, end_reason',
    sla_clocks: 'id, lead_id, assignment_id, rep_id, policy_name, started_at, due_at, met_at, stopped_at, breached_at',
    touches: 'id, lead_id, rep_id, channel, at',
    dispositions: 'id, lead_id, actor_id, outcome, reason, amount, at',
  }
  const out = []
  for (const [table, list] of Object.entries(rows)) {
    for (let i = 0; i < list.length; i += 500)
      out.push(`INSERT INTO ${table} (${cols[table]}) VALUES ${list.slice(i, i + 500).join(',\n')};`)
  }
  return { sql: out.join('\n'), counts: Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.length])) }
}

/** Every report endpoint over the 90 days, as the console calls them. */
const reportUrls = () => {
  const range = `from=${encodeURIComponent(new Date(NOW - 90 * DAY).toISOString())}&to=${encodeURIComponent(new Date(NOW).toISOString())}`
  return [
    `/v1/reports/speed-to-lead?${range}&groupBy=rep`,
    `/v1/reports/speed-to-lead?${range}&groupBy=source`,
    `/v1/reports/speed-to-lead?${range}&groupBy=week`,
    `/v1/reports/sla-compliance?${range}`,
    `/v1/reports/funnel?${range}&groupBy=source`,
    `/v1/reports/funnel?${range}&groupBy=campaign`,
    `/v1/reports/mql-target?${range}`,
  ].map((url) => ({ url, name: url.replace(`${range}&`, '').replace(`?${range}`, '') }))
}

/**
 * Loads `leads` leads over 90 days into a throwaway D1 and times every report `runs` times after one
 * warm-up call (which warms the isolate and the page cache).
 * @returns counts of the rows loaded, the load time, and per report its times and median (ms)
 */
export const benchReports = async ({ leads, runs }) => {
  const db = createDatabase('reports')
  try {
    const t0 = performance.now()
    const { sql, counts } = datasetSql(leads)
    db.load(sql)
    const loadMs = performance.now() - t0
    const worker = await startDev(db)
    try {
      const reports = []
      for (const { url, name } of reportUrls()) {
        const times = []
        for (let i = 0; i <= runs; i++) {
          const t = performance.now()
          const res = await fetch(`${worker.base}${url}`, { headers: { Authorization: `Bearer ${ADMIN}` } })
          const body = await res.json()
          const ms = performance.now() - t
          if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`)
          if (i > 0) times.push(ms)
        }
        reports.push({ name, times, median: median(times) })
      }
      return { counts, loadMs, reports }
    } finally {
      await worker.stop()
    }
  } finally {
    await db.remove()
  }
}

const main = async () => {
  const leads = Number(process.env.LEADS ?? 100_000)
  const { counts, loadMs, reports } = await benchReports({ leads, runs: Number(process.env.RUNS ?? 5) })
  console.log(`loaded ${JSON.stringify(counts)} in ${(loadMs / 1000).toFixed(1)} s`)
  console.log(`\n${'report'.padEnd(40)} median ms   runs (ms)`)
  for (const r of reports)
    console.log(
      `${r.name.padEnd(40)} ${r.median.toFixed(0).padStart(9)}   ${r.times.map((x) => x.toFixed(0)).join(' ')}`,
    )
  const failures = reports.filter((r) => r.median >= LIMIT_MS).map((r) => r.name)
  if (failures.length) {
    console.error(`\nover ${LIMIT_MS} ms: ${failures.join(', ')}`)
    process.exitCode = 1
  } else console.log(`\nall reports under ${LIMIT_MS} ms over ${leads} leads`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main()
    .catch((err) => {
      console.error(err)
      process.exitCode = 1
    })
    .finally(runCleanup)
}
