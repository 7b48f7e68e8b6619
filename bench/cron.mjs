#!/usr/bin/env node
/**
 * Benchmark of the SLA cron tick and of intake-to-assignment, on a throwaway local D1 under wrangler dev.
 *
 *   node bench/cron.mjs            # sizes 1000 and 100000 open clocks, 50 due per tick
 *   SIZES=1000,10000 DUE=50 node bench/cron.mjs
 *
 * For each size: a fresh `--persist-to` directory, migrations, N open clocks bulk-inserted with
 * `wrangler d1 execute --local --file` (N − 50·ROUNDS not due for a day, and ROUNDS batches of DUE clocks due
 * one minute apart), then `wrangler dev --test-scheduled`, then ROUNDS timed calls of
 * `/cdn-cgi/local/scheduled?cron=*+*+*+*+*&time=<ms>` (each tick processes exactly one due batch: a warning milestone and its
 * outbox delivery), plus an idle tick with nothing due. Then intake-to-assignment: POST /v1/leads of a lead that
 * crosses the hand-off threshold, timed until the response (assignment, clock and alert happen inside it).
 * With the first size, a receiver on 127.0.0.1 also checks a Slack and a signed Standard Webhooks delivery.
 * Everything stays on 127.0.0.1; the temp directories are removed at the end. Exit code 1 if a check fails.
 */
import { createHmac } from 'node:crypto'
import { createServer } from 'node:http'
import { pathToFileURL } from 'node:url'
import { runCleanup } from './lib/cleanup.mjs'
import { timed } from './lib/stats.mjs'
import { createDatabase, startDev } from './lib/worker.mjs'

const MIN = 60_000
// An hour ahead of the real clock, so the real-time receiver check (which ticks at now + 3 min) never reaches it.
const T = Math.ceil(Date.now() / MIN) * MIN + 60 * MIN

const q = (s) => `'${String(s).replaceAll("'", "''")}'`

/** SQL for `n` open clocks; `ticks`×`perTick` of them (with their leads) come due at T + k minutes. */
const seedSql = (n, perTick, ticks) => {
  const lines = [`INSERT INTO reps (id, name, email) VALUES ('rep_bench', 'Bench Rep', 'bench@team.test');`]
  const clocks = []
  const leads = []
  const dueTotal = perTick * ticks
  for (let i = 0; i < n; i++) {
    const due = i < dueTotal
    const at = due ? T + (Math.floor(i / perTick) + 1) * MIN - 1000 : T + 24 * 60 * MIN + i
    const plan = JSON.stringify([
      { key: 'warning_50', at, kind: 'warning', fraction: 0.5, to: ['rep'] },
      { key: 'breach', at: at + 30 * MIN, kind: 'breach', to: ['rep'] },
    ])
    clocks.push(
      `(${q(`clk_${i}`)}, ${q(`lead_${i}`)}, ${q(`asg_${i}`)}, 'rep_bench', NULL, 'SQL', ${T}, ${at + 30 * MIN}, 0, ${at}, ${q(plan)})`,
    )
    if (due)
      leads.push(
        `(${q(`lead_${i}`)}, ${q(`l${i}@bench.test`)}, ${q(`l${i}@bench.test`)}, 'assigned', 'rep_bench', ${T})`,
      )
  }
  for (let i = 0; i < clocks.length; i += 200) {
    lines.push(
      `INSERT INTO sla_clocks (id, lead_id, assignment_id, rep_id, policy_id, policy_name, started_at, due_at, next_milestone, next_check_at, plan) VALUES ${clocks.slice(i, i + 200).join(',')};`,
    )
  }
  for (let i = 0; i < leads.length; i += 200) {
    lines.push(
      `INSERT INTO leads (id, email, email_norm, status, assignee_id, assigned_at) VALUES ${leads.slice(i, i + 200).join(',')};`,
    )
  }
  return lines.join('\n')
}

/**
 * Runs the scheduled handler at `time`. Miniflare's `/cdn-cgi/local/scheduled` honours `time`; wrangler's
 * `/__scheduled` middleware (4.16x) passes only `cron`, so the handler would see the real clock.
 */
const trigger = async (BASE, time) => {
  const res = await fetch(`${BASE}/cdn-cgi/local/scheduled?cron=*+*+*+*+*&time=${time}`)
  const text = await res.text()
  if (!res.ok) throw new Error(`tick at ${time}: ${res.status} ${text}`)
  return text
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const median = s[Math.floor(s.length / 2)]
  return `median ${median.toFixed(1)} ms (min ${s[0].toFixed(1)}, max ${s[s.length - 1].toFixed(1)}, n=${s.length})`
}

const scalar = (db, sql) => Object.values(db.query(sql)[0])[0]

/**
 * End to end through real sockets: a receiver on 127.0.0.1 gets a Slack alert and a Standard Webhooks alert
 * (answering 500 to the first webhook attempt), checks the Block Kit payload and verifies the signature with
 * node:crypto, and sees the webhook exactly once more after a cron tick past the backoff.
 */
const receiverCheck = async (BASE, api) => {
  const admin = (p, json, method = 'POST') => api(p, { method, json })
  const secretBytes = Buffer.from('bench-receiver-secret-0123456789')
  const secret = `whsec_${secretBytes.toString('base64')}`
  const got = { slack: [], hook: [] }
  let hookCalls = 0
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      if (req.url === '/slack') {
        got.slack.push(JSON.parse(body))
        res.writeHead(200).end('ok')
      } else {
        hookCalls++
        if (hookCalls === 1) return res.writeHead(500).end('down')
        const id = req.headers['webhook-id']
        const ts = req.headers['webhook-timestamp']
        const expected = `v1,${createHmac('sha256', secretBytes).update(`${id}.${ts}.${body}`).digest('base64')}`
        got.hook.push({
          id,
          valid: req.headers['webhook-signature'] === expected,
          fresh: Math.abs(Date.now() / 1000 - Number(ts)) < 300,
          body: JSON.parse(body),
        })
        res.writeHead(200).end('ok')
      }
    })
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${server.address().port}`
  try {
    const slack = await admin('/v1/admin/channels', { name: 'recv slack', kind: 'slack', url: `${url}/slack` })
    const hook = await admin('/v1/admin/channels', { name: 'recv hook', kind: 'webhook', url: `${url}/hook`, secret })
    const sam = await admin('/v1/admin/reps', {
      name: 'Sam <Slack>',
      email: 'sam@team.test',
      channelId: slack.channel.id,
    })
    const wes = await admin('/v1/admin/reps', { name: 'Wes', email: 'wes@team.test', channelId: hook.channel.id })
    for (const [source, rep] of [
      ['rc-slack', sam],
      ['rc-hook', wes],
    ]) {
      const p = await admin('/v1/admin/pools', { name: source, members: [{ repId: rep.rep.id }] })
      await admin('/v1/admin/routing-rules', {
        name: source,
        kind: 'territory',
        position: 0,
        poolId: p.pool.id,
        conditions: [{ op: 'equals', field: 'source', value: source }],
      })
    }
    const a = await admin('/v1/leads', { email: 'jo@acme.test', firstName: 'Jo <b>', source: 'rc-slack' })
    const b = await admin('/v1/leads', { email: 'kim@globex.test', firstName: 'Kim', source: 'rc-hook' })
    await new Promise((r) => setTimeout(r, 1500)) // waitUntil delivery
    await trigger(BASE, Date.now() + 2 * MIN) // past the 1-minute backoff of the failed webhook
    await trigger(BASE, Date.now() + 3 * MIN) // and again: nothing more
    await new Promise((r) => setTimeout(r, 500))
    const s = got.slack[0]
    const slackOk =
      got.slack.length === 1 &&
      s.blocks?.[0]?.type === 'header' &&
      JSON.stringify(s).includes('Jo &lt;b&gt;') &&
      s.blocks.at(-1).elements[0].url.endsWith(`/v1/leads/${a.lead.id}`)
    const hookOk =
      got.hook.length === 1 &&
      hookCalls === 2 &&
      got.hook[0].valid &&
      got.hook[0].fresh &&
      got.hook[0].body.data.lead.id === b.lead.id
    console.log(
      `\nLocal receiver on ${url}: Slack ${slackOk ? 'OK' : 'FAILED'} (${got.slack.length} message, blocks ${s?.blocks?.map((x) => x.type).join(',')}),` +
        ` webhook ${hookOk ? 'OK' : 'FAILED'} (${hookCalls} attempts: 500 then 200; signature ${got.hook[0]?.valid ? 'valid' : 'INVALID'})`,
    )
    if (!slackOk || !hookOk) process.exitCode = 1
  } finally {
    server.close()
  }
}

/**
 * Times the cron tick at each size in `sizes` (open clocks), `due` of them due per tick, `rounds` ticks
 * (median taken by the caller) plus as many idle ticks. `extra(worker, db)` runs before the worker stops.
 * @returns per size: tick and idle times (ms), milestones processed and alerts sent
 */
export const benchCron = async ({ sizes, due, rounds }, extra) => {
  const results = []
  for (const n of sizes) {
    const db = createDatabase(`cron-${n}`)
    try {
      const seeded = await timed(async () => db.load(seedSql(n, due, rounds)))
      const open = scalar(db, 'SELECT count(*) FROM sla_clocks WHERE next_check_at IS NOT NULL')
      const worker = await startDev(db, { testScheduled: true })
      try {
        await trigger(worker.base, T - 10 * MIN) // warm-up: nothing due
        const ticks = []
        for (let k = 1; k <= rounds; k++) ticks.push((await timed(() => trigger(worker.base, T + k * MIN))).ms)
        const idle = []
        for (let k = 0; k < rounds; k++)
          idle.push((await timed(() => trigger(worker.base, T + (rounds + 1) * MIN + k))).ms)
        const processed = scalar(db, 'SELECT count(*) FROM sla_clocks WHERE next_milestone = 1')
        const sent = scalar(db, "SELECT count(*) FROM alerts WHERE state = 'sent'")
        const result = { n, open, seededMs: seeded.ms, ticks, idle, processed, sent }
        results.push(result)
        if (extra) Object.assign(result, await extra(worker, db, n))
      } finally {
        await worker.stop()
      }
    } finally {
      await db.remove()
    }
  }
  return results
}

/**
 * Intake-to-assignment on the same worker: one rep, one pool, one SLA policy, a criteria document whose SQL
 * threshold any lead meets; 20 intakes timed until the response (assignment, clock and alert happen inside).
 */
const intakeToAssignment = async ({ api }) => {
  const admin = (p, json, method = 'POST') => api(p, { method, json })
  const r = await admin('/v1/admin/reps', { name: 'Ana', email: 'ana@team.test' })
  const p = await admin('/v1/admin/pools', { name: 'All', members: [{ repId: r.rep.id }] })
  await admin('/v1/admin/routing-rules', { name: 'all', kind: 'default', position: 1, poolId: p.pool.id })
  await admin('/v1/admin/sla-policies', { name: 'SQL', position: 0, durationMinutes: 60, businessHours: false })
  await admin('/v1/admin/criteria', { thresholds: { mql: 0, sql: 0 } }, 'PUT')
  const intake = []
  let assigned = 0
  for (let i = 0; i < 20; i++) {
    const { ms, out } = await timed(() =>
      admin('/v1/leads', { email: `intake${i}@prospect.test`, company: { domain: `p${i}.test` } }),
    )
    intake.push(ms)
    if (out.lead?.assignee?.id === r.rep.id || out.lead?.status === 'assigned') assigned++
  }
  return { intake, assigned }
}

const main = async () => {
  const sizes = (process.env.SIZES ?? '1000,100000').split(',').map(Number)
  const due = Number(process.env.DUE ?? 50)
  const rounds = Number(process.env.ROUNDS ?? 5)
  await benchCron({ sizes, due, rounds }, async (worker, db, n) => {
    const extra = await intakeToAssignment(worker)
    if (n === sizes[0]) await receiverCheck(worker.base, worker.api)
    return extra
  }).then((results) => {
    for (const { n, open, seededMs, ticks, idle, processed, sent, intake, assigned } of results) {
      console.log(`\n${n} open clocks (${open} with a next check; seeded in ${(seededMs / 1000).toFixed(1)} s)`)
      console.log(`  tick with ${due} due:   ${stats(ticks)}  → ${processed} milestones processed, ${sent} alerts sent`)
      console.log(`  tick with 0 due:    ${stats(idle)}`)
      console.log(`  intake→assignment:  ${stats(intake)}  (${assigned}/20 assigned in the response)`)
    }
  })
  console.log('\nBenchmark figures are wall-clock times of the HTTP call to wrangler dev (local workerd + SQLite).')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main()
    .catch((err) => {
      console.error(err)
      process.exitCode = 1
    })
    .finally(runCleanup)
}
