import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { funnel, mqlsByMonth, slaCompliance, speedToLead } from '../../worker/db/queries/reports'
import { seedDemo } from '../../worker/domain/demo/seed'
import { repQueue } from '../../worker/domain/queue'
import { api } from './helpers'
import { DAY, db } from './brief-fixtures'

const NOW = Date.UTC(2026, 10, 23, 15, 30) // a Monday afternoon in Berlin, morning in New York

/** Empties every table: a fresh database without a new test file. */
const wipe = async () => {
  const tables = await env.DB.prepare(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name != 'd1_migrations'",
  ).all<{ name: string }>()
  await env.DB.batch(tables.results.map((t) => env.DB.prepare(`delete from "${t.name}"`)))
}

/** What the dataset looks like, independent of generated ids. */
const fingerprint = async () => {
  const q = async (query: string) => (await env.DB.prepare(query).all()).results
  return {
    leads: await q(
      'select status, source, campaign, count(*) n, round(sum(score_total), 2) score from leads group by 1, 2, 3 order by 1, 2, 3',
    ),
    events: await q('select type, count(*) n from events group by 1 order by 1'),
    assignments: await q(
      'select rep_id, rule, count(*) n, sum(ended_at is not null) ended from assignments group by 1, 2 order by 1, 2',
    ),
    clocks: await q(
      'select policy_name, count(*) n, sum(met_at is not null) met, sum(breached_at is not null) breached, sum(stopped_at is not null) stopped from sla_clocks group by 1 order by 1',
    ),
    touches: await q('select rep_id, channel, count(*) n, sum(at) t from touches group by 1, 2 order by 1, 2'),
    dispositions: await q(
      'select outcome, reason, count(*) n, sum(amount) amount, sum(at) t from dispositions group by 1, 2 order by 1, 2',
    ),
    alerts: await q('select milestone, count(*) n from alerts group by 1 order by 1'),
  }
}

describe('the demo seed', () => {
  // Every test below reads the demo that this one seed wrote: the dependency is explicit, not an earlier test's side effect.
  let result: Awaited<ReturnType<typeof seedDemo>>
  beforeAll(async () => {
    const started = Date.now()
    result = await seedDemo({ db, env, now: NOW })
    console.log(`demo seed: ${result.leads} leads in ${Date.now() - started} ms`)
  }, 120_000)

  it('builds a 90-day history through the domain code, with tokens for the reps, a manager and intake', async () => {
    expect(result.seeded).toBe(true)
    // What the demo promises a newcomer, not its exact size: a few hundred leads, all stored.
    expect(result.leads).toBeGreaterThanOrEqual(200)
    const stored = await env.DB.prepare('select count(*) n from leads').first<{ n: number }>()
    expect(stored!.n).toBe(result.leads)
    expect(result.tokens.reps).toHaveLength(5)
    expect(result.tokens.reps.every((r) => /^hk_rep_[0-9a-f]{64}$/.test(r.token))).toBe(true)
    expect(result.tokens.manager.token).toMatch(/^hk_manager_/)
    const me = await api('/v1/me', { token: result.tokens.reps[0]!.token })
    expect(await me.json()).toMatchObject({ role: 'rep', rep: { name: result.tokens.reps[0]!.name } })
    const first = await fingerprint()
    const statuses = new Set(first.leads.map((r) => r.status))
    for (const s of ['new', 'mql', 'contacted', 'accepted', 'disqualified', 'converted', 'won', 'lost'])
      expect(statuses).toContain(s)
    expect(first.clocks.some((c) => Number(c.breached) > 0)).toBe(true)
    expect(first.assignments.some((a) => Number(a.ended) > 0)).toBe(true)
  }, 120_000)

  it('makes every report non-empty', async () => {
    const range = { from: NOW - 90 * DAY, to: NOW }
    const { rows: speed } = await speedToLead(db, range, 'rep')
    expect(speed.length).toBeGreaterThanOrEqual(5)
    expect(speed.every((r) => r.touched > 0 && r.medianSeconds !== null)).toBe(true)
    const weeks = (await speedToLead(db, range, 'week')).rows.map((r) => r.key!)
    expect(weeks.length).toBeGreaterThanOrEqual(12)
    expect(weeks).toEqual([...weeks].sort()) // a trend reads in date order, not by lead count
    expect(weeks.every((w) => new Date(`${w}T00:00:00Z`).getUTCDay() === 1)).toBe(true) // Mondays
    const sla = await slaCompliance(db, range, NOW)
    expect(sla.reduce((s, r) => s + r.met, 0)).toBeGreaterThan(0)
    expect(sla.reduce((s, r) => s + r.breached, 0)).toBeGreaterThan(0)
    expect(sla.reduce((s, r) => s + r.reassigned, 0)).toBeGreaterThan(0)
    const f = await funnel(db, range, 'source')
    expect(f.length).toBe(6)
    expect(f.reduce((s, r) => s + r.wonAmount, 0)).toBeGreaterThan(0)
    expect(f.some((r) => r.reasons.length > 0)).toBe(true)
    expect((await mqlsByMonth(db, range)).length).toBeGreaterThanOrEqual(3)
  })

  it('leaves queues with clocks running, due soon or overdue right now', async () => {
    const reps = ['rep_demo_ava', 'rep_demo_marcus', 'rep_demo_priya', 'rep_demo_lena', 'rep_demo_jonas']
    const queues = await Promise.all(reps.map((r) => repQueue(db, r, NOW)))
    const states = queues.flatMap((q) => q.leads.map((l) => l.sla.state))
    expect(states).toContain('running')
    expect(states).toContain('breached')
    const recent = queues.flatMap((q) => q.leads).filter((l) => Date.parse(l.sla.startedAt!) > NOW - 60 * 60_000)
    expect(recent.length).toBeGreaterThanOrEqual(3)
  })

  it('is deterministic: two fresh databases get the same dataset', async () => {
    const seedFresh = async () => {
      await wipe()
      expect((await fingerprint()).events).toEqual([])
      await seedDemo({ db, env, now: NOW })
      return fingerprint()
    }
    const a = await seedFresh()
    expect(a.leads.length).toBeGreaterThan(0)
    expect(await seedFresh()).toEqual(a)
  }, 240_000)

  it('is refused outside demo mode', async () => {
    const res = await api('/v1/admin/demo/seed', { method: 'POST' })
    expect(res.status).toBe(404)
  })
})
