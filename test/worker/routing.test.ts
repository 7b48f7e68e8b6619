import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { handOff } from '../../worker/domain/handoff'
import { swrrStep } from '../../worker/domain/routing/swrr'
import { api, issueToken } from './helpers'
import { MIN, create, ctxAt, getLead, lead, pool, reset, rep, rule } from './assignment-fixtures'

const T0 = Date.UTC(2026, 10, 23, 15, 0) // Monday

/** Hands off `n` fresh leads one after another and returns the assignee ids in order. */
const handOffMany = async (n: number, at = T0) => {
  const picks: string[] = []
  for (let i = 0; i < n; i++) {
    const id = await lead()
    await handOff(ctxAt(at + i * 1000), id)
    picks.push((await getLead(id)).assigneeId!)
  }
  return picks
}

const assignmentsOf = (leadId: string) =>
  env.DB.prepare('SELECT * FROM assignments WHERE lead_id = ?')
    .bind(leadId)
    .all<{ rule: string; reason: string; rep_id: string; pool_id: string | null }>()

describe('smooth weighted round robin (pure step)', () => {
  it('interleaves 2:1 as A,B,A — not A,A,B bursts — and repeats', () => {
    let state: Record<string, number> = {}
    const seq: string[] = []
    for (let i = 0; i < 6; i++) {
      const step = swrrStep(
        [
          { id: 'A', weight: 2 },
          { id: 'B', weight: 1 },
        ],
        state,
      )!
      seq.push(step.pick)
      state = step.state
    }
    expect(seq).toEqual(['A', 'B', 'A', 'A', 'B', 'A'])
  })
})

describe('routing through pools', () => {
  beforeEach(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {}) // `log` alerts of every assignment
    await reset()
  })

  it('matches weights 3:2:1 exactly at the end of every full cycle over 300 assignments, smoothly', async () => {
    const a = await rep('Ana')
    const b = await rep('Ben')
    const c = await rep('Cy')
    const p = await pool('EMEA', [
      { repId: a.id, weight: 3 },
      { repId: b.id, weight: 2 },
      { repId: c.id, weight: 1 },
    ])
    await rule({ name: 'Everyone', kind: 'default', position: 10, poolId: p.id })
    const picks = await handOffMany(300)
    for (let end = 6; end <= 300; end += 6) {
      const win = picks.slice(0, end)
      const count = (id: string) => win.filter((x) => x === id).length
      expect([count(a.id), count(b.id), count(c.id)]).toEqual([end / 2, end / 3, end / 6])
    }
    // Smooth: Ana (weight 3 of 6) never gets more than 2 in a row and each cycle of 6 is the same interleaving.
    expect(picks.join(',')).not.toContain([a.id, a.id, a.id].join(','))
    const first = picks.slice(0, 6)
    for (let i = 6; i < 300; i += 6) expect(picks.slice(i, i + 6)).toEqual(first)
  }, 60_000)

  it('gives 2:1 over any window of 3 (A,B,A interleaving)', async () => {
    const a = await rep('Ann')
    const b = await rep('Bob')
    const p = await pool('US', [
      { repId: a.id, weight: 2 },
      { repId: b.id, weight: 1 },
    ])
    await rule({ name: 'Everyone', kind: 'default', position: 1, poolId: p.id })
    const picks = await handOffMany(12)
    for (let i = 0; i + 3 <= picks.length; i++) {
      expect(picks.slice(i, i + 3).filter((x) => x === a.id)).toHaveLength(2)
    }
  })

  it('skips reps out of office, inactive and at capacity, and says so in the reason', async () => {
    const ooo = await rep('Olga', {
      outOfOffice: [{ start: new Date(T0 - 3600_000).toISOString(), end: new Date(T0 + 3600_000).toISOString() }],
    })
    const off = await rep('Ivan', { active: false })
    const full = await rep('Cap', { capacity: 1 })
    const free = await rep('Free')
    const p = await pool(
      'APAC',
      [ooo, off, full, free].map((r) => ({ repId: r.id })),
    )
    await rule({ name: 'APAC default', kind: 'default', position: 1, poolId: p.id })
    await lead({ assigneeId: full.id, status: 'assigned', assignedAt: T0 - MIN }) // Cap's one open, untouched lead
    const picks = await handOffMany(3)
    expect(picks).toEqual([free.id, free.id, free.id])
    const back = await handOffMany(2, T0 + 2 * 3600_000) // Olga is back: she and Free alternate again
    expect(back.sort()).toEqual([ooo.id, free.id].sort())
    const { results } = await env.DB.prepare('SELECT reason FROM assignments ORDER BY assigned_at LIMIT 1').all<{
      reason: string
    }>()
    const reason = results[0]!.reason
    expect(reason).toMatch(/^pool APAC via rule 'APAC default'; weighted round robin; skipped /)
    for (const part of ['Cap (at capacity)', 'Ivan (inactive)', 'Olga (out of office)']) expect(reason).toContain(part)
  })

  it('keeps 2:1 exact among eligible reps while a third is at capacity', async () => {
    const a = await rep('Aa')
    const b = await rep('Bb')
    const full = await rep('Cc', { capacity: 0 })
    const p = await pool('P', [
      { repId: a.id, weight: 2 },
      { repId: b.id, weight: 1 },
      { repId: full.id, weight: 5 },
    ])
    await rule({ name: 'all', kind: 'default', position: 1, poolId: p.id })
    const picks = await handOffMany(30)
    expect(picks).not.toContain(full.id)
    for (let end = 3; end <= 30; end += 3)
      expect(picks.slice(0, end).filter((x) => x === a.id)).toHaveLength((2 * end) / 3)
  })

  it('sends a lead to its account owner: imported list first, else the owner of an earlier lead of the domain', async () => {
    const owner = await rep('Owner')
    const other = await rep('Other')
    const p = await pool('P', [{ repId: other.id }])
    await rule({ name: 'Named accounts', kind: 'account', position: 0 })
    await rule({ name: 'rest', kind: 'default', position: 1, poolId: p.id })
    const imported = await api('/v1/admin/accounts', {
      json: { accounts: [{ domain: 'Acme.com', ownerRepId: owner.id }] },
    })
    expect(imported.status).toBe(200)
    const l1 = await lead({ companyDomain: 'acme.com' })
    await handOff(ctxAt(T0), l1)
    expect((await getLead(l1)).assigneeId).toBe(owner.id)
    expect((await assignmentsOf(l1)).results[0]).toMatchObject({ rule: 'Named accounts', pool_id: null })
    // Earlier lead of globex.com went to Other via the pool; the next globex lead follows it.
    const g1 = await lead({ companyDomain: 'globex.com' })
    await handOff(ctxAt(T0), g1)
    expect((await getLead(g1)).assigneeId).toBe(other.id)
    const extra = await rep('Extra')
    await api(`/v1/admin/pools/${p.id}`, {
      method: 'PUT',
      json: { name: 'P', members: [{ repId: other.id }, { repId: extra.id, weight: 5 }] },
    })
    const g2 = await lead({ companyDomain: 'globex.com' })
    await handOff(ctxAt(T0 + 1000), g2)
    expect((await getLead(g2)).assigneeId).toBe(other.id)
    expect((await assignmentsOf(g2)).results[0]!.reason).toContain('globex.com already owned by Other')
    // An owner who left no longer attracts the domain.
    await api(`/v1/admin/reps/${other.id}`, { method: 'DELETE' })
    const g3 = await lead({ companyDomain: 'globex.com' })
    await handOff(ctxAt(T0 + 2000), g3)
    expect((await getLead(g3)).assigneeId).toBe(extra.id)
  })

  it('routes by territory conditions, first match wins', async () => {
    const de = await rep('Dieter')
    const us = await rep('Uma')
    const pDe = await pool('DACH', [{ repId: de.id }])
    const pUs = await pool('Rest', [{ repId: us.id }])
    await rule({
      name: 'DACH enterprise',
      kind: 'territory',
      position: 1,
      poolId: pDe.id,
      conditions: [
        { op: 'in', field: 'company.country', values: ['DE', 'AT', 'CH'] },
        { op: 'range', field: 'company.employees', min: 1000 },
      ],
    })
    await rule({ name: 'default', kind: 'default', position: 2, poolId: pUs.id })
    const big = await lead({ country: 'DE', employees: 5000 })
    const small = await lead({ country: 'DE', employees: 50 })
    await handOff(ctxAt(T0), big)
    await handOff(ctxAt(T0), small)
    expect((await getLead(big)).assigneeId).toBe(de.id)
    expect((await getLead(small)).assigneeId).toBe(us.id)
    expect((await assignmentsOf(big)).results[0]!.reason).toBe(
      "pool DACH via rule 'DACH enterprise'; weighted round robin",
    )
  })

  it('falls back to the pool fallback owner and alerts the managers when nobody is eligible', async () => {
    const away = await rep('Away', { active: false })
    const boss = await rep('Boss', { role: 'manager' })
    const mgrs = await create('channels', { name: 'managers', kind: 'log' }, 'channel')
    await api('/v1/admin/settings/managers-channel', { method: 'PUT', json: { channelId: mgrs.id } })
    const p = await pool('Tiny', [{ repId: away.id }], { fallbackRepId: boss.id })
    await rule({ name: 'tiny', kind: 'default', position: 1, poolId: p.id })
    const id = await lead()
    await handOff(ctxAt(T0), id)
    expect((await getLead(id)).assigneeId).toBe(boss.id)
    expect((await assignmentsOf(id)).results[0]).toMatchObject({ rule: 'tiny → fallback' })
    const alerts = await env.DB.prepare("SELECT * FROM alerts WHERE lead_id = ? AND milestone = 'no_eligible_rep'")
      .bind(id)
      .all<{ channel_id: string; state: string }>()
    expect(alerts.results).toHaveLength(1)
    expect(alerts.results[0]).toMatchObject({ channel_id: mgrs.id, state: 'sent' })
  })

  it("leaves the lead in the managers' queue (never silently) when there is no fallback, alerting once", async () => {
    const away = await rep('Gone', { active: false })
    const p = await pool('Empty', [{ repId: away.id }])
    await rule({ name: 'empty', kind: 'default', position: 1, poolId: p.id })
    const id = await lead()
    await handOff(ctxAt(T0), id)
    await handOff(ctxAt(T0 + MIN), id) // the next rescore tries again
    const l = await getLead(id)
    expect(l.assigneeId).toBeNull()
    expect(l.status).toBe('sql')
    const { results } = await env.DB.prepare('SELECT milestone, recipient FROM alerts WHERE lead_id = ?').bind(id).all()
    expect(results).toEqual([{ milestone: 'no_eligible_rep', recipient: 'managers_channel' }])
  })

  it('assigns 50 concurrent qualifications exactly once each, with the exact 3:2 split', async () => {
    const a = await rep('Con A')
    const b = await rep('Con B')
    const p = await pool('Busy', [
      { repId: a.id, weight: 3 },
      { repId: b.id, weight: 2 },
    ])
    await rule({ name: 'busy', kind: 'default', position: 1, poolId: p.id })
    const ids = await Promise.all(Array.from({ length: 50 }, () => lead()))
    // Every lead is handed off twice at the same time (two intake requests racing), all 100 calls concurrently.
    await Promise.all([...ids, ...ids].map((id) => handOff(ctxAt(T0), id)))
    const rows = await env.DB.prepare('SELECT lead_id, rep_id FROM assignments').all<{
      lead_id: string
      rep_id: string
    }>()
    expect(rows.results).toHaveLength(50)
    expect(new Set(rows.results.map((r) => r.lead_id)).size).toBe(50)
    expect(rows.results.filter((r) => r.rep_id === a.id)).toHaveLength(30)
    expect(rows.results.filter((r) => r.rep_id === b.id)).toHaveLength(20)
    const clocks = await env.DB.prepare('SELECT count(*) AS n FROM sla_clocks').first<{ n: number }>()
    expect(clocks!.n).toBe(0) // no SLA policy configured in this test: no clock, but still assigned
    const pRow = await env.DB.prepare('SELECT rr_version FROM pools WHERE id = ?')
      .bind(p.id)
      .first<{ rr_version: number }>()
    expect(pRow!.rr_version).toBeGreaterThanOrEqual(50)
  }, 60_000)
})

describe('admin routing config', () => {
  beforeEach(reset)

  it('validates with 422 and paths, checks references, and is admin only', async () => {
    const bad = await api('/v1/admin/reps', { json: { name: '', email: 'nope', timeZone: 'Mars/Olympus', weight: 0 } })
    expect(bad.status).toBe(422)
    const paths = ((await bad.json()) as { error: { issues: Array<{ path: string }> } }).error.issues.map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['name', 'email', 'timeZone', 'weight']))
    const ref = await api('/v1/admin/pools', { json: { name: 'X', members: [{ repId: 'rep_missing' }] } })
    expect(ref.status).toBe(422)
    expect(await ref.json()).toMatchObject({ error: { issues: [{ path: 'members.0.repId' }] } })
    const policy = await api('/v1/admin/sla-policies', {
      json: { name: 'x', position: 0, durationMinutes: 10, escalation: [{ action: 'alert', to: [] }] },
    })
    expect(policy.status).toBe(422)
    expect(await policy.json()).toMatchObject({ error: { issues: [{ path: 'escalation.0.to' }] } })
    const manager = await issueToken('intake')
    expect((await api('/v1/admin/reps', { token: manager })).status).toBe(403)
  })

  it('creates, reads, updates and deactivates a rep; hides channel secrets', async () => {
    const r = await rep('Crud')
    const got = await api(`/v1/admin/reps/${r.id}`)
    expect(await got.json()).toMatchObject({ rep: { name: 'Crud', weight: 1, active: true, capacity: null } })
    const dup = await api('/v1/admin/reps', {
      json: {
        name: 'Dup',
        email: ((await (await api(`/v1/admin/reps/${r.id}`)).json()) as { rep: { email: string } }).rep.email,
      },
    })
    expect(dup.status).toBe(409)
    const ch = await create(
      'channels',
      { name: 'hook', kind: 'webhook', url: 'http://127.0.0.1:9999/h', secret: 'whsec_c2VjcmV0' },
      'channel',
    )
    expect(ch).not.toHaveProperty('secret')
    expect(ch).toMatchObject({ hasSecret: true })
    const put = await api(`/v1/admin/reps/${r.id}`, {
      method: 'PUT',
      json: { name: 'Crud', email: 'crud@team.test', weight: 4, channelId: ch.id },
    })
    expect(await put.json()).toMatchObject({ rep: { weight: 4, channelId: ch.id } })
    const del = await api(`/v1/admin/reps/${r.id}`, { method: 'DELETE' })
    expect(await del.json()).toMatchObject({ rep: { active: false } })
    expect((await api('/v1/admin/reps/rep_nope')).status).toBe(404)
  })
})
