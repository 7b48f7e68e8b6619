#!/usr/bin/env node
/**
 * Benchmark of a rep's queue (`GET /v1/me/queue`, the "To contact" tab) at N open leads.
 *
 *   SIZES=10,1000 RUNS=10 node bench/queue.mjs
 *
 * One throwaway D1 holds one rep per size, each with N assigned leads awaiting a first touch (two events,
 * an assignment and a running 60-minute SLA clock each). A rep token per rep comes from the admin API;
 * each queue is read `runs` times after one warm-up call.
 * @module
 */
import { pathToFileURL } from 'node:url'
import { openLeadsSql } from './criteria.mjs'
import { runCleanup } from './lib/cleanup.mjs'
import { median, timed } from './lib/stats.mjs'
import { insertRows } from './lib/sql.mjs'
import { createDatabase, startDev } from './lib/worker.mjs'

const MIN = 60_000

/** Rep `repId` with `n` leads awaiting a first touch, clocks started over the last hour. */
const repQueueSql = (repId, n, now) => {
  const prefix = `${repId}_l`
  const asg = []
  const clocks = []
  for (let i = 0; i < n; i++) {
    const start = now - ((i * 7) % 60) * MIN
    asg.push([`${repId}_a${i}`, `${prefix}${i}`, repId, 'default', 'round robin', start])
    clocks.push([`${repId}_k${i}`, `${prefix}${i}`, `${repId}_a${i}`, repId, 'SQL', start, start + 60 * MIN])
  }
  return [
    insertRows('reps', ['id', 'name', 'email'], [[repId, `Queue ${n}`, `${repId}@bench-team.test`]]),
    openLeadsSql(n, now, { prefix, assignee: repId, status: 'assigned' }),
    insertRows('assignments', ['id', 'lead_id', 'rep_id', 'rule', 'reason', 'assigned_at'], asg),
    insertRows(
      'sla_clocks',
      ['id', 'lead_id', 'assignment_id', 'rep_id', 'policy_name', 'started_at', 'due_at'],
      clocks,
    ),
  ].join('\n')
}

/** Per size: the queue read times (ms) and the open count the server reported. */
export const benchQueue = async ({ sizes, runs }) => {
  const db = createDatabase('queue')
  const now = Date.now()
  db.load(sizes.map((n) => repQueueSql(`rep_q${n}`, n, now)).join('\n'))
  const worker = await startDev(db)
  try {
    const out = []
    for (const n of sizes) {
      const { token } = await worker.api('/v1/admin/tokens', {
        json: { role: 'rep', repId: `rep_q${n}`, name: `bench queue ${n}` },
      })
      const times = []
      let open = null
      for (let i = 0; i <= runs; i++) {
        const { ms, out: q } = await timed(() => worker.api('/v1/me/queue', { token }))
        if (i > 0) times.push(ms)
        open = q.counts.open
      }
      if (open !== n) throw new Error(`queue of rep_q${n}: ${open} open, expected ${n}`)
      out.push({ n, times, open })
    }
    return out
  } finally {
    await worker.stop()
    await db.remove()
  }
}

const main = async () => {
  const sizes = (process.env.SIZES ?? '10,1000').split(',').map(Number)
  for (const r of await benchQueue({ sizes, runs: Number(process.env.RUNS ?? 10) }))
    console.log(`queue with ${r.n} open leads: median ${median(r.times).toFixed(1)} ms (${r.times.length} runs)`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main()
    .catch((err) => {
      console.error(err)
      process.exitCode = 1
    })
    .finally(runCleanup)
}
