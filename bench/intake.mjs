#!/usr/bin/env node
/**
 * Benchmark of lead intake (`POST /v1/leads`) against local workerd, on a throwaway D1.
 *
 *   node bench/intake.mjs            # N=200 new leads, then the same 200 again (updates)
 *   N=500 node bench/intake.mjs
 *
 * Applies the migrations to a temp `--persist-to` directory, starts `wrangler dev` on free 127.0.0.1 ports
 * with a bench admin token, warms up, then posts N leads one after another and prints median / p90 / max
 * request times for creates and for updates (same emails, merged). Everything stays on this machine; the temp
 * directory is removed and the server stopped at the end. The D1 round trips per intake are counted in
 * test/worker/intake-roundtrips.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { WRANGLER_ENV, freePort, waitReady } from '../scripts/local-worker.mjs'

const N = Number(process.env.N ?? 200)
const ADMIN = 'bench-admin-token-0123456789abcdef0123'
const env = { ...process.env, ...WRANGLER_ENV }

const dir = mkdtempSync(path.join(tmpdir(), 'handoff-bench-intake-'))
const migrate = spawnSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir], {
  env,
  encoding: 'utf8',
})
if (migrate.status !== 0) {
  console.error(migrate.stderr || migrate.stdout)
  process.exit(1)
}

const port = await freePort()
const inspector = await freePort()
const base = `http://127.0.0.1:${port}`
const dev = spawn(
  'npx',
  [
    'wrangler',
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspector),
    '--persist-to',
    dir,
    '--var',
    `ADMIN_TOKEN:${ADMIN}`,
    '--show-interactive-dev-session=false',
  ],
  { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true },
)
const stop = () => {
  try {
    process.kill(-dev.pid, 'SIGTERM')
  } catch {}
  rmSync(dir, { recursive: true, force: true })
}
process.on('SIGINT', () => (stop(), process.exit(130)))

const post = async (body) => {
  const t = performance.now()
  const res = await fetch(`${base}/v1/leads`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  const buf = await res.arrayBuffer()
  const ms = performance.now() - t
  if (res.status !== 200 && res.status !== 201)
    throw new Error(`POST /v1/leads → ${res.status} ${new TextDecoder().decode(buf)}`)
  return ms
}

const lead = (i, title) => ({
  email: `bench${i}@bench-co.io`,
  firstName: `Bench ${i}`,
  title,
  company: { name: 'Bench Co', domain: 'bench-co.io', employees: 50 + (i % 500), industry: 'Software', country: 'US' },
  fields: { plan: i % 2 ? 'pro' : 'free' },
})

const stats = (label, times) => {
  const s = [...times].sort((a, b) => a - b)
  const at = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))]
  console.log(
    `${label.padEnd(22)} n=${s.length}  median ${at(0.5).toFixed(1)} ms  p90 ${at(0.9).toFixed(1)} ms  max ${s[s.length - 1].toFixed(1)} ms`,
  )
}

try {
  await waitReady(base)
  for (let i = 0; i < 10; i++) await post({ ...lead(i, 'Engineer'), email: `warm${i}@bench-co.io` })
  const creates = []
  for (let i = 0; i < N; i++) creates.push(await post(lead(i, 'Engineer')))
  const updates = []
  for (let i = 0; i < N; i++) updates.push(await post(lead(i, 'Marketing Manager')))
  console.log(`POST /v1/leads against wrangler dev (local workerd + D1), sequential, node ${process.version}`)
  stats('create (new lead)', creates)
  stats('update (merge)', updates)
} finally {
  stop()
}
