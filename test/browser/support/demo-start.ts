/**
 * The worker started the way the README says (`npm run demo:reset`, which is `npm start` after wiping the local
 * state: a fresh local D1, migrations, the demo seed), in a temp state dir and on a free port, with what it
 * printed parsed: the demo tokens.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { freePort, sleep } from './ports'
import { type ApiCall, apiClient, WRANGLER_ENV } from './worker'

const ROOT = path.resolve(import.meta.dirname, '../../..')
const BIN = path.join(ROOT, 'node_modules/.bin')

export type DemoWorker = {
  url: string
  adminToken: string
  /** Tokens as `npm start` printed them, by name (`Ava Thompson`, `Dana Brooks`) and `intake`. */
  tokens: Record<string, string>
  /** Everything `npm start` printed so far. */
  output(): string
  /** How long until it printed that it is running, in ms. */
  startedInMs: number
  api<T = any>(pathname: string, call?: ApiCall): Promise<T>
  stop(): Promise<void>
}

/**
 * @example const demo = await startDemo(); demo.tokens['Dana Brooks'] // 'hk_manager_…'
 */
export const startDemo = async (): Promise<DemoWorker> => {
  const state = mkdtempSync(path.join(tmpdir(), 'handoff-demo-'))
  const [port, inspector] = [await freePort(), await freePort()]
  const adminToken = `hk_admin_${randomBytes(24).toString('hex')}`
  const started = Date.now()
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs'), '--reset'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...WRANGLER_ENV,
      PATH: `${BIN}${path.delimiter}${process.env.PATH}`,
      PORT: String(port),
      INSPECTOR_PORT: String(inspector),
      PERSIST_TO: state,
      ADMIN_TOKEN: adminToken,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout?.on('data', (d) => (log += d))
  child.stderr?.on('data', (d) => (log += d))
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGINT')
      await Promise.race([exited, sleep(8000)])
      if (child.exitCode === null) child.kill('SIGKILL')
    }
    rmSync(state, { recursive: true, force: true })
  }
  for (let i = 0; i < 900 && !log.includes('Handoff is running locally'); i++) {
    if (child.exitCode !== null) break
    await sleep(200)
  }
  if (!log.includes('Handoff is running locally')) {
    await stop()
    throw new Error(`npm start did not come up:\n${log.slice(-3000)}`)
  }
  const startedInMs = Date.now() - started
  await sleep(300) // the rest of the banner
  const tokens: Record<string, string> = {}
  for (const m of log.matchAll(/^\s{4}(\S.*?\S)\s{2,}\S+@\S+\s+(hk_(?:rep|manager)_[0-9a-f]+)$/gm))
    tokens[m[1]!] = m[2]!
  const intake = /Intake token:\s+(hk_intake_[0-9a-f]+)/.exec(log)
  if (intake) tokens.intake = intake[1]!
  const api = apiClient(url, adminToken)
  return { url, adminToken, tokens, output: () => log, startedInMs, api, stop }
}
