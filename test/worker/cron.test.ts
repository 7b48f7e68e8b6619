import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { handOff } from '../../worker/domain/handoff'
import { runTick } from '../../worker/cron/index'
import { api } from './helpers'
import { MIN, channel, ctxAt, getLead, lead, policy, pool, reset, rep, rule, tick } from './assignment-fixtures'

const T0 = Date.UTC(2026, 10, 23, 15, 0)

type AlertRow = {
  milestone: string
  recipient: string
  assignment_id: string | null
  state: string
  channel_id: string | null
}
const alerts = async (leadId: string) =>
  (
    await env.DB.prepare(
      'SELECT milestone, recipient, assignment_id, state, channel_id FROM alerts WHERE lead_id = ? ORDER BY created_at, milestone, recipient',
    )
      .bind(leadId)
      .all<AlertRow>()
  ).results
const keys = (rows: AlertRow[]) => rows.map((r) => `${r.milestone}:${r.recipient}`)

/** The chain from the issue: alert rep + manager at breach, reassign 30 min later, managers' channel at the second breach. */
const CHAIN = [
  { on: 'breach', afterMinutes: 0, action: 'alert', to: ['rep', 'manager'] },
  { on: 'first_breach', afterMinutes: 30, action: 'reassign' },
  { on: 'second_breach', afterMinutes: 0, action: 'alert', to: ['managers_channel'] },
]

const setup = async () => {
  const log = await channel({ name: 'log', kind: 'log' })
  const mgrs = await channel({ name: 'managers', kind: 'log' })
  await api('/v1/admin/settings/managers-channel', { method: 'PUT', json: { channelId: mgrs.id } })
  const boss = await rep('Boss', { role: 'manager', channelId: log.id })
  const a = await rep('Ana', { managerId: boss.id, channelId: log.id, weight: 2 })
  const b = await rep('Ben', { managerId: boss.id, channelId: log.id })
  const p = await pool('Team', [{ repId: a.id }, { repId: b.id }])
  await rule({ name: 'team', kind: 'default', position: 1, poolId: p.id })
  await policy({
    name: 'SQL 1h',
    position: 0,
    durationMinutes: 60,
    businessHours: false,
    warnings: [0.5, 0.8],
    escalation: CHAIN,
  })
  const id = await lead()
  await handOff(ctxAt(T0), id)
  return { id, a, b, mgrs }
}

describe('cron: milestones exactly once', () => {
  beforeEach(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {})
    await reset()
  })

  it('produces each warning, breach, escalation and reassignment once, even run twice and concurrently', async () => {
    const { id, a, b } = await setup()
    expect((await getLead(id)).assigneeId).toBe(a.id)
    const twice = async (at: number) => {
      await tick(at)
      await tick(at) // the same minute again
    }
    const both = (at: number) => Promise.all([tick(at), tick(at)]) // two overlapping runs

    await twice(T0 + 29 * MIN)
    expect(keys(await alerts(id))).toEqual(['assigned:rep'])
    await twice(T0 + 30 * MIN)
    await both(T0 + 31 * MIN)
    expect(keys(await alerts(id))).toEqual(['assigned:rep', 'warning_50:rep'])
    await both(T0 + 48 * MIN)
    await twice(T0 + 48 * MIN)
    expect(keys(await alerts(id))).toEqual(['assigned:rep', 'warning_50:rep', 'warning_80:rep'])
    await both(T0 + 60 * MIN)
    await twice(T0 + 60 * MIN)
    expect(keys(await alerts(id)).slice(3)).toEqual(['escalation_0:manager', 'escalation_0:rep'])
    const first = await env.DB.prepare('SELECT * FROM sla_clocks WHERE rep_id = ?')
      .bind(a.id)
      .first<{ breached_at: number; assignment_id: string }>()
    expect(first!.breached_at).toBe(T0 + 60 * MIN)

    await both(T0 + 90 * MIN)
    await twice(T0 + 91 * MIN)
    expect((await getLead(id)).assigneeId).toBe(b.id)
    const asg = await env.DB.prepare(
      'SELECT rep_id, ended_at, end_reason, rule FROM assignments WHERE lead_id = ? ORDER BY assigned_at',
    )
      .bind(id)
      .all()
    expect(asg.results).toEqual([
      { rep_id: a.id, ended_at: T0 + 90 * MIN, end_reason: 'sla_breach', rule: 'team' },
      { rep_id: b.id, ended_at: null, end_reason: null, rule: 'reassign' },
    ])
    const clocks = await env.DB.prepare(
      'SELECT rep_id, started_at, due_at, breached_at FROM sla_clocks WHERE lead_id = ? ORDER BY started_at',
    )
      .bind(id)
      .all()
    expect(clocks.results).toEqual([
      { rep_id: a.id, started_at: T0, due_at: T0 + 60 * MIN, breached_at: T0 + 60 * MIN }, // the breach stays on Ana's record
      { rep_id: b.id, started_at: T0 + 90 * MIN, due_at: T0 + 150 * MIN, breached_at: null },
    ])
    expect(keys(await alerts(id)).slice(5)).toEqual(['reassigned:rep'])

    // Ben lets it breach too: rep + manager again, and now the managers' channel; no third reassignment.
    for (const m of [120, 138, 150, 150, 180, 181]) await both(T0 + m * MIN)
    const all = keys(await alerts(id))
    expect(all.slice(6)).toEqual([
      'warning_50:rep',
      'warning_80:rep',
      'escalation_0:manager',
      'escalation_0:rep',
      'escalation_2:managers_channel',
    ])
    expect(new Set((await alerts(id)).map((r) => r.state))).toEqual(new Set(['sent']))
    expect((await getLead(id)).assigneeId).toBe(b.id)
    const left = await env.DB.prepare('SELECT count(*) AS n FROM sla_clocks WHERE next_check_at IS NOT NULL').first<{
      n: number
    }>()
    expect(left!.n).toBe(0)
  }, 30_000)

  it('catches up after downtime: one late tick processes every due milestone in order, once', async () => {
    const { id, b } = await setup()
    const ctx = ctxAt(T0 + 100 * MIN)
    const [r1, r2] = await Promise.all([runTick(ctx), runTick(ctx)])
    expect(r1.milestones + r2.milestones).toBe(4) // warning_50, warning_80, breach, escalation_0 (then reassign ends the clock)
    await tick(T0 + 100 * MIN)
    expect((await getLead(id)).assigneeId).toBe(b.id)
    // All created by the late tick at the same instant (sorted by milestone after the assignment's own alert);
    // the warnings were overtaken by the breach, so they are in the journey but not sent.
    expect(keys(await alerts(id))).toEqual([
      'assigned:rep',
      'escalation_0:manager',
      'escalation_0:rep',
      'reassigned:rep',
    ])
    const history = await env.DB.prepare(
      "SELECT data FROM lead_history WHERE lead_id = ? AND kind = 'sla' AND actor = 'cron'",
    )
      .bind(id)
      .all<{ data: string }>()
    expect(history.results.map((h) => JSON.parse(h.data).event)).toEqual([
      'warning_50',
      'warning_80',
      'breach',
      'escalation_0',
      'escalation_1',
    ])
  })

  it('stops escalating once the lead is touched', async () => {
    const { id, a } = await setup()
    await tick(T0 + 30 * MIN)
    const { meetSla } = await import('../../worker/domain/sla/clock')
    await meetSla(ctxAt(T0 + 40 * MIN), id, T0 + 40 * MIN)
    for (const m of [48, 60, 90, 200]) await tick(T0 + m * MIN)
    expect(keys(await alerts(id))).toEqual(['assigned:rep', 'warning_50:rep'])
    expect((await getLead(id)).assigneeId).toBe(a.id)
  })

  it('keeps the lead and tells the managers once when nobody else can take it at the reassignment step', async () => {
    const mgrs = await channel({ name: 'managers', kind: 'log' })
    await api('/v1/admin/settings/managers-channel', { method: 'PUT', json: { channelId: mgrs.id } })
    const solo = await rep('Solo')
    const p = await pool('Solo pool', [{ repId: solo.id }])
    await rule({ name: 'solo', kind: 'default', position: 1, poolId: p.id })
    await policy({
      name: 'SQL 1h',
      position: 0,
      durationMinutes: 60,
      businessHours: false,
      warnings: [],
      escalation: CHAIN,
    })
    const id = await lead()
    await handOff(ctxAt(T0), id)
    await Promise.all([tick(T0 + 90 * MIN), tick(T0 + 90 * MIN)])
    await tick(T0 + 91 * MIN)
    expect((await getLead(id)).assigneeId).toBe(solo.id)
    const asg = await env.DB.prepare('SELECT ended_at FROM assignments WHERE lead_id = ?').bind(id).all()
    expect(asg.results).toEqual([{ ended_at: null }])
    expect(keys(await alerts(id))).toEqual([
      'assigned:rep',
      'escalation_0:managers_channel',
      'escalation_0:rep',
      'escalation_1_no_eligible_rep:managers_channel',
    ])
  })
})
