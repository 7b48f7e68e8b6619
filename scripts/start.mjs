#!/usr/bin/env node
/**
 * `npm start`: local D1 with migrations, a demo organisation on first run, then `wrangler dev`
 * on 127.0.0.1:8787 with `--test-scheduled`. Everything stays on this machine.
 */
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { WRANGLER_ENV } from './wrangler-env.mjs'

const PORT = Number(process.env.PORT ?? 8787)
const BASE = `http://127.0.0.1:${PORT}`
const env = { ...process.env, ...WRANGLER_ENV }

// The admin token lives in .dev.vars (git-ignored) so it survives restarts.
const readAdminToken = () => {
  if (existsSync('.dev.vars')) {
    const m = readFileSync('.dev.vars', 'utf8').match(/^ADMIN_TOKEN\s*=\s*"?([^"\n]+)"?/m)
    if (m) return m[1]
  }
  const token = `hk_admin_${randomBytes(32).toString('hex')}`
  writeFileSync('.dev.vars', `${existsSync('.dev.vars') ? readFileSync('.dev.vars', 'utf8') : ''}ADMIN_TOKEN="${token}"\nDEMO_MODE="true"\n`)
  return token
}
const adminToken = readAdminToken()

const migrate = spawnSync('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local'], { env, stdio: 'inherit', shell: false })
if (migrate.status !== 0) process.exit(migrate.status ?? 1)

const dev = spawn('wrangler', ['dev', '--ip', '127.0.0.1', '--port', String(PORT), '--test-scheduled', '--show-interactive-dev-session=false'], {
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
})
const stop = () => dev.kill('SIGINT')
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
dev.on('exit', (code) => process.exit(code ?? 0))

const waitReady = async () => {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${BASE}/health`)).ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('worker did not start')
}

await waitReady()
const seed = await fetch(`${BASE}/v1/admin/demo/seed`, { method: 'POST', headers: { Authorization: `Bearer ${adminToken}` } })
const seeded = seed.ok ? await seed.json() : { error: `${seed.status} ${await seed.text()}` }

// The seed answers tokens only on the first run (they are stored hashed); later runs say `seeded: false`.
const describeSeed = (s) => {
  if (s.error) return `failed: ${s.error}`
  if (!s.seeded) return 'already seeded (tokens were printed on the first run; issue new ones with POST /v1/admin/tokens)'
  const line = (t) => `    ${t.name.padEnd(16)} ${t.email.padEnd(30)} ${t.token}`
  return [
    `${s.leads} leads over the last 90 days`,
    '  Rep tokens (for the extension):',
    ...s.tokens.reps.map(line),
    '  Manager token (reports):',
    line(s.tokens.manager),
    `  Intake token:  ${s.tokens.intake}`,
  ].join('\n')
}

console.log(`
  Handoff is running locally.

  API          ${BASE}
  Admin token  ${adminToken}
  Demo seed    ${describeSeed(seeded)}

  Try:
    curl -s ${BASE}/v1/admin/criteria -H "Authorization: Bearer ${adminToken}"
    curl -s "${BASE}/v1/reports/speed-to-lead?groupBy=rep" -H "Authorization: Bearer ${adminToken}"
    curl -s "${BASE}/__scheduled?cron=*+*+*+*+*&time=$(($(date +%s) * 1000 + 3600000))"
`)
