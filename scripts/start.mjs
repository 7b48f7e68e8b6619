#!/usr/bin/env node
/**
 * `npm start`: local D1 with migrations, a demo organisation on first run, then `wrangler dev`
 * on 127.0.0.1:8787. The worker itself answers `/__scheduled?cron=…&time=<epoch ms>` here (LOCAL_SCHEDULED):
 * wrangler's `--test-scheduled` would intercept that path and drop `time`. Everything stays on this machine.
 * `npm run demo:reset` (`--reset`) first wipes the local state (D1, queues) and the saved demo tokens, so a
 * demo that was moved into the future with `/__scheduled?time=` starts again at the real time.
 */
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { WRANGLER_ENV, waitReady } from './local-worker.mjs'

const PORT = Number(process.env.PORT ?? 8787)
const BASE = `http://127.0.0.1:${PORT}`
const env = { ...process.env, ...WRANGLER_ENV }
const TOKENS_FILE = '.wrangler/demo-tokens.json'

if (process.argv.includes('--reset')) {
  rmSync('.wrangler/state', { recursive: true, force: true })
  rmSync(TOKENS_FILE, { force: true })
  console.log('  Local state wiped: the demo is seeded again at the real time.')
}

// The admin token lives in .dev.vars (git-ignored) so it survives restarts.
const readAdminToken = () => {
  if (existsSync('.dev.vars')) {
    const m = readFileSync('.dev.vars', 'utf8').match(/^ADMIN_TOKEN\s*=\s*"?([^"\n]+)"?/m)
    if (m) return m[1]
  }
  const token = `hk_admin_${randomBytes(32).toString('hex')}`
  writeFileSync(
    '.dev.vars',
    `${existsSync('.dev.vars') ? readFileSync('.dev.vars', 'utf8') : ''}ADMIN_TOKEN="${token}"\n`,
  )
  return token
}
const adminToken = readAdminToken()

const migrate = spawnSync('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local'], {
  env,
  stdio: 'inherit',
  shell: false,
})
if (migrate.status !== 0) process.exit(migrate.status ?? 1)

const dev = spawn(
  'wrangler',
  [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(PORT),
    '--var',
    'DEMO_MODE:true',
    '--var',
    'LOCAL_SCHEDULED:true',
    '--var',
    `APP_URL:${BASE}`,
    '--show-interactive-dev-session=false',
  ],
  {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  },
)
const stop = () => dev.kill('SIGINT')
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
dev.on('exit', (code) => process.exit(code ?? 0))

await waitReady(BASE)
const seed = await fetch(`${BASE}/v1/admin/demo/seed`, {
  method: 'POST',
  headers: { Authorization: `Bearer ${adminToken}` },
})
let seeded = seed.ok ? await seed.json() : { error: `${seed.status} ${await seed.text()}` }
// Tokens are stored hashed, so the first run's answer is kept locally (git-ignored) to print them again.
if (seeded.seeded) writeFileSync(TOKENS_FILE, JSON.stringify(seeded, null, 2))
else if (!seeded.error && existsSync(TOKENS_FILE)) seeded = JSON.parse(readFileSync(TOKENS_FILE, 'utf8'))

// The seed answers tokens only on the first run (they are stored hashed); later runs say `seeded: false`.
const describeSeed = (s) => {
  if (s.error) return `failed: ${s.error}`
  if (!s.tokens) return 'already seeded (issue tokens with POST /v1/admin/tokens)'
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

const intake = seeded.tokens?.intake ?? adminToken

// Something to open for the first printed rep: a few of their open leads, with the link that opens the
// lead's page in the extension (signed in with that rep's token) and the LinkedIn profile if the lead has one.
const firstRep = seeded.tokens?.reps?.[0]
const repLeads = async () => {
  if (!firstRep) return ''
  const res = await fetch(`${BASE}/v1/me/queue`, { headers: { Authorization: `Bearer ${firstRep.token}` } })
  if (!res.ok) return ''
  const { leads } = await res.json()
  const name = (l) => [l.firstName, l.lastName].filter(Boolean).join(' ') || l.email
  const lines = leads.slice(0, 3).map((l) => {
    const clock = l.sla?.state ? ` · SLA ${l.sla.state}` : ''
    // The worker serves a LinkedIn-shaped page per demo profile; the demo build of the extension runs there.
    const slug = /\/in\/([^/?#]+)/.exec(l.linkedinUrl ?? '')?.[1]
    const open = [
      `lead page  ${BASE}/open/leads/${l.id}`,
      ...(slug ? [`profile    ${BASE}/demo/linkedin/${slug}`] : []),
    ]
    return `    ${name(l)} (${l.company?.name ?? 'no company'})${clock}\n${open.map((o) => `      ${o}`).join('\n')}`
  })
  return lines.length
    ? `\n  ${firstRep.name}'s leads to open with the demo extension build (npm run build:ext:demo, signed in with ${firstRep.name}'s token):\n${lines.join('\n')}\n`
    : ''
}
const leadsToOpen = await repLeads().catch(() => '')
console.log(`
  Handoff is running locally.

  API          ${BASE}
  Admin token  ${adminToken}
  Demo seed    ${describeSeed(seeded)}
${leadsToOpen}
  Try:
    curl -s ${BASE}/v1/admin/criteria -H "Authorization: Bearer ${adminToken}"
    curl -s "${BASE}/v1/reports/speed-to-lead?groupBy=rep" -H "Authorization: Bearer ${adminToken}"

  The whole path — a hot lead is assigned at once and the rep's notification shows in this log:
    curl -s ${BASE}/v1/events -H "Authorization: Bearer ${intake}" -H 'Content-Type: application/json' \\
      -d '{"events":[{"id":"demo-'$RANDOM'","email":"new.buyer@northwind.example","type":"form_submit","occurredAt":"'$(date -u +%FT%TZ)'","properties":{"form":"demo_request"}}]}'
  Then run the SLA cron as of one hour later — the breach alert shows here too:
    curl -s "${BASE}/__scheduled?cron=*+*+*+*+*&time=$(( ($(date +%s) + 3600) * 1000 ))"
  That writes state dated an hour ahead (clocks, journeys); npm run demo:reset starts the demo again at the real time.
`)
