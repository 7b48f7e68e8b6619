#!/usr/bin/env node
/**
 * Intake benchmarks (`POST /v1/leads`) against local workerd, each on a throwaway D1:
 *
 * - {@link benchIntake}: a lead that qualifies (routed, assigned, SLA clock, alert) and one that does not,
 *   sent one at a time and INTERLEAVED with the floor worker (bench/floor/worker.mjs: the same writes in
 *   2 round trips, no logic), so both see the same machine at the same moment. The order alternates
 *   (floor first, then product first) so neither always gets the warmer cache.
 * - {@link benchThroughput}: C concurrent clients posting qualifying leads for S seconds, then a check in
 *   SQL that every lead was assigned exactly once (one open assignment, one SLA clock).
 *
 *   node bench/intake.mjs               # standalone: N=200 pairs × 3 rounds, then 8 clients × 20 s
 *   N=50 ROUNDS=2 SECONDS=5 node bench/intake.mjs
 *
 * The D1 round trips per intake are counted in the worker tests (test/worker/*roundtrips*.test.ts);
 * see bench/roundtrips.mjs.
 * @module
 */
import { pathToFileURL } from 'node:url'
import { runCleanup } from './lib/cleanup.mjs'
import { median, p99 } from './lib/stats.mjs'
import { ADMIN, ROOT, createDatabase, startDev } from './lib/worker.mjs'

const FLOOR_CONFIG = `${ROOT}/bench/floor/wrangler.toml`

/** A lead that qualifies under {@link setupOrg}'s criteria: senior revenue title at a target company. */
export const hotLead = (tag, i) => ({
  email: `${tag}${i}@bench-co${i % 97}.io`,
  firstName: `Bench ${i}`,
  lastName: 'Lead',
  title: 'VP Marketing',
  phone: '+1 555 0100',
  company: { name: `Bench Co ${i % 97}`, domain: `bench-co${i % 97}.io`, industry: 'Software', employees: 400 },
  source: 'bench',
  fields: { budget: 'yes' },
})

/** A lead that stays under the thresholds (junior title, tiny company): scored and stored, not handed off. */
export const coldLead = (tag, i) => ({
  email: `${tag}${i}@small${i % 97}.io`,
  firstName: `Cold ${i}`,
  title: 'Marketing Intern Assistant',
  company: { name: 'Small', employees: 3 },
  source: 'bench',
})

/**
 * The product organisation: `reps` reps (log channel) in one round-robin pool behind a default rule, a
 * 60-minute 24/7 SLA policy with a warning, and the default criteria with the SQL threshold lowered to 40,
 * so {@link hotLead} hands off on fit alone and {@link coldLead} does not.
 * @returns the rep ids
 */
export const setupOrg = async (api, reps = 2) => {
  const { channel } = await api('/v1/admin/channels', { json: { name: 'bench log', kind: 'log', url: '' } })
  const ids = []
  for (let i = 0; i < reps; i++) {
    const { rep } = await api('/v1/admin/reps', {
      json: { name: `Bench Rep ${i}`, email: `rep${i}@bench-team.test`, channelId: channel.id },
    })
    ids.push(rep.id)
  }
  const { pool } = await api('/v1/admin/pools', { json: { name: 'Bench', members: ids.map((repId) => ({ repId })) } })
  await api('/v1/admin/routing-rules', { json: { name: 'all', kind: 'default', position: 0, poolId: pool.id } })
  await api('/v1/admin/sla-policies', {
    json: { name: 'SQL', position: 0, durationMinutes: 60, businessHours: false, warnings: [0.5] },
  })
  const { document } = await api('/v1/admin/criteria')
  await api('/v1/admin/criteria', {
    method: 'PUT',
    json: { ...document, thresholds: { mql: 20, sql: 40 } },
  })
  return ids
}

/** The floor's organisation: one rep in one pool (all the floor reads). */
const FLOOR_SEED = `
INSERT INTO reps (id, name, email) VALUES ('rep_floor', 'Floor Rep', 'floor@bench-team.test');
INSERT INTO pools (id, name) VALUES ('pool_floor', 'Floor');
INSERT INTO pool_members (pool_id, rep_id, weight) VALUES ('pool_floor', 'rep_floor', 1);`

/** One timed POST; throws on anything but 200/201 (a failed request must not pass as a fast one). */
const post = async (base, body, query = '') => {
  const t = performance.now()
  const res = await fetch(`${base}/v1/leads${query}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  const text = await res.text()
  const ms = performance.now() - t
  if (res.status !== 200 && res.status !== 201) throw new Error(`POST ${base}/v1/leads → ${res.status} ${text}`)
  return { ms, body: JSON.parse(text) }
}

/** Starts the product and the floor worker side by side, each on its own throwaway D1. */
export const startPair = async () => {
  const productDb = createDatabase('intake')
  const floorDb = createDatabase('floor', { config: FLOOR_CONFIG })
  floorDb.load(FLOOR_SEED)
  const [product, floor] = await Promise.all([startDev(productDb), startDev(floorDb)])
  await setupOrg(product.api)
  return { product, floor, productDb, floorDb }
}

/**
 * Interleaved intake timing: `rounds` rounds of `n` iterations, each iteration one qualifying and one
 * non-qualifying lead to each worker. Returns per-round medians, p99s and product/floor ratios; the
 * caller reports the median over rounds.
 */
export const benchIntake = async ({ product, floor }, { n, rounds, warmup = 20 }) => {
  let seq = 0
  const one = async (record) => {
    const i = seq++
    const steps = [
      async () => record.pHot.push((await post(product.base, hotLead('p', i))).ms),
      async () => record.fHot.push((await post(floor.base, hotLead('f', i))).ms),
      async () => record.pCold.push((await post(product.base, coldLead('pc', i))).ms),
      async () => record.fCold.push((await post(floor.base, coldLead('fc', i), '?handoff=0')).ms),
    ]
    // Alternate who goes first, so a warm-up effect or a burst of load elsewhere is shared evenly.
    const order = i % 2 ? [0, 1, 2, 3] : [1, 0, 3, 2]
    for (const k of order) await steps[k]()
  }
  // The two shapes must do what their names say, or the ratio compares the wrong work.
  const hot = (await post(product.base, hotLead('check', 0))).body.lead
  const cold = (await post(product.base, coldLead('check', 0))).body.lead
  if (hot.status !== 'assigned' || cold.status === 'assigned')
    throw new Error(`intake shapes: qualifying lead is ${hot.status}, non-qualifying is ${cold.status}`)
  const scratch = { pHot: [], fHot: [], pCold: [], fCold: [] }
  for (let i = 0; i < warmup; i++) await one(scratch)
  const out = []
  for (let r = 0; r < rounds; r++) {
    const rec = { pHot: [], fHot: [], pCold: [], fCold: [] }
    for (let i = 0; i < n; i++) await one(rec)
    out.push({
      hotMedian: median(rec.pHot),
      hotP99: p99(rec.pHot),
      coldMedian: median(rec.pCold),
      coldP99: p99(rec.pCold),
      floorHotMedian: median(rec.fHot),
      floorColdMedian: median(rec.fCold),
      hotRatio: median(rec.pHot) / median(rec.fHot),
      coldRatio: median(rec.pCold) / median(rec.fCold),
    })
  }
  return out
}

/**
 * `clients` concurrent clients post fresh qualifying leads for `seconds` each round; afterwards every
 * lead must have exactly one assignment that is still open and one SLA clock (the round-robin
 * compare-and-set must neither lose a lead nor assign it twice under contention).
 */
export const benchThroughput = async ({ product, productDb }, { clients, seconds, rounds }) => {
  const out = []
  let seq = 0
  for (let r = 0; r < rounds; r++) {
    const tag = `t${r}x`
    const end = performance.now() + seconds * 1000
    let ok = 0
    let failed = 0
    const client = async () => {
      while (performance.now() < end) {
        try {
          await post(product.base, hotLead(tag, seq++))
          ok++
        } catch {
          failed++
        }
      }
    }
    const t0 = performance.now()
    await Promise.all(Array.from({ length: clients }, client))
    const wall = (performance.now() - t0) / 1000
    out.push({ rps: ok / wall, ok, failed })
  }
  // Read while wrangler dev still runs: SQLite lets the CLI read next to workerd's writer.
  const [check] = productDb.query(`
    SELECT count(*) AS leads,
      sum(CASE WHEN a = 1 THEN 1 ELSE 0 END) AS once,
      sum(CASE WHEN a = 0 THEN 1 ELSE 0 END) AS never,
      sum(CASE WHEN a > 1 THEN 1 ELSE 0 END) AS twice,
      sum(CASE WHEN c <> 1 THEN 1 ELSE 0 END) AS bad_clocks
    FROM (SELECT l.id,
      (SELECT count(*) FROM assignments x WHERE x.lead_id = l.id) AS a,
      (SELECT count(*) FROM sla_clocks k WHERE k.lead_id = l.id) AS c
      FROM leads l WHERE l.email LIKE 't%x%@bench-co%')`)
  return { rounds: out, check }
}

const main = async () => {
  const n = Number(process.env.N ?? 200)
  const rounds = Number(process.env.ROUNDS ?? 3)
  const pair = await startPair()
  const intake = await benchIntake(pair, { n, rounds })
  const pick = (k) => median(intake.map((r) => r[k])).toFixed(2)
  console.log(`POST /v1/leads, ${rounds} rounds × ${n} interleaved with the floor (median over rounds)`)
  console.log(`  qualifying: median ${pick('hotMedian')} ms, p99 ${pick('hotP99')} ms, ×${pick('hotRatio')} floor`)
  console.log(`  not:        median ${pick('coldMedian')} ms, p99 ${pick('coldP99')} ms, ×${pick('coldRatio')} floor`)
  const tp = await benchThroughput(pair, {
    clients: Number(process.env.CLIENTS ?? 8),
    seconds: Number(process.env.SECONDS ?? 20),
    rounds: 1,
  })
  console.log(`  throughput: ${tp.rounds[0].rps.toFixed(1)} req/s; ${JSON.stringify(tp.check)}`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main()
    .catch((err) => {
      console.error(err)
      process.exitCode = 1
    })
    .finally(runCleanup)
}
