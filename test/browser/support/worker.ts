/**
 * A local Handoff worker for real-browser tests: fresh D1 in a temp dir (migrations applied), `wrangler
 * dev` on 127.0.0.1 with a random admin token and `/__scheduled?time=` enabled, offline (no metrics, no cf fetch).
 * @module
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { freePort, sleep } from './ports'

const ROOT = path.resolve(import.meta.dirname, '../../..')
const BIN = path.join(ROOT, 'node_modules/.bin')

export const WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
}

export type ApiCall = { method?: string; token?: string; json?: unknown }

export type LocalWorker = {
  /** `http://127.0.0.1:<port>` */
  url: string
  adminToken: string
  /** What wrangler dev printed so far (stdout and stderr): the worker's console, miniflare's notes. */
  output(): string
  /** Calls the worker; throws on a non-2xx answer with its body. */
  api<T = any>(pathname: string, call?: ApiCall): Promise<T>
  stop(): Promise<void>
}

/**
 * Calls a local worker with a token (the admin's by default); throws on a non-2xx answer with its body.
 * @example const api = apiClient('http://127.0.0.1:8787', adminToken); await api('/v1/me')
 */
export const apiClient =
  (url: string, adminToken: string) =>
  async <T = any>(pathname: string, { method = 'GET', token = adminToken, json }: ApiCall = {}): Promise<T> => {
    const res = await fetch(`${url}${pathname}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    })
    const body = await res.json().catch(() => null)
    if (!res.ok) throw new Error(`${method} ${pathname} → ${res.status} ${JSON.stringify(body)}`)
    return body as T
  }

/**
 * @example
 * const worker = await startWorker()
 * const { rep } = await worker.api('/v1/admin/reps', { method: 'POST', json: { name: 'Sam', email: 'sam@x.test' } })
 * await worker.stop()
 */
export const startWorker = async (): Promise<LocalWorker> => {
  const state = mkdtempSync(path.join(tmpdir(), 'handoff-worker-'))
  const env = { ...process.env, ...WRANGLER_ENV, PATH: `${BIN}${path.delimiter}${process.env.PATH}` }
  const migrate = spawnSync(
    path.join(BIN, 'wrangler'),
    ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state],
    {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    },
  )
  if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr || migrate.stdout}`)
  const [port, inspector] = [await freePort(), await freePort()]
  const adminToken = `hk_admin_${randomBytes(24).toString('hex')}`
  const child: ChildProcess = spawn(
    path.join(BIN, 'wrangler'),
    [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspector),
      '--persist-to',
      state,
      '--var',
      `ADMIN_TOKEN:${adminToken}`,
      // The worker answers /__scheduled?time= itself (wrangler's --test-scheduled would drop `time`).
      '--var',
      'LOCAL_SCHEDULED:true',
      '--show-interactive-dev-session=false',
    ],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: false },
  )
  let log = ''
  child.stdout?.on('data', (d) => (log += d))
  child.stderr?.on('data', (d) => (log += d))
  const url = `http://127.0.0.1:${port}`

  const api = apiClient(url, adminToken)

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGINT')
      await Promise.race([exited, sleep(5000)])
      if (child.exitCode === null) child.kill('SIGKILL')
    }
    rmSync(state, { recursive: true, force: true })
  }

  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) break
    try {
      const res = await fetch(`${url}/v1/me`)
      if (res.status === 401) return { url, adminToken, api, stop, output: () => log }
    } catch {}
    await sleep(200)
  }
  await stop()
  throw new Error(`wrangler dev did not start:\n${log.slice(-3000)}`)
}

/**
 * The organisation most browser tests start from: one rep in a pool "Everyone" that a default rule fills.
 * @example const { rep } = await seedTeam(worker, { name: 'Sam Rep', email: 'sam@handoff-e2e.com' })
 */
export const seedTeam = async (worker: Pick<LocalWorker, 'api'>, person: { name: string; email: string }) => {
  const { rep } = await worker.api('/v1/admin/reps', { method: 'POST', json: person })
  const { pool } = await worker.api('/v1/admin/pools', {
    method: 'POST',
    json: { name: 'Everyone', members: [{ repId: rep.id }] },
  })
  await worker.api('/v1/admin/routing-rules', {
    method: 'POST',
    json: { name: 'All', kind: 'default', position: 0, poolId: pool.id },
  })
  return { rep, pool }
}
