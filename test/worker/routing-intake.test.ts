import { env } from 'cloudflare:test'
import { DateTime } from 'luxon'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { handOff } from '../../worker/domain/handoff'
import { api } from './helpers'
import { NINE_TO_FIVE, calendar, ctxAt, getLead, lead, policy, pool, reset, rep, rule } from './assignment-fixtures'

describe('hand-off wiring', () => {
  beforeEach(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {})
    await reset()
  })

  it('assigns, starts the clock and notifies the rep within the intake request', async () => {
    const ana = await rep('Ana')
    const p = await pool('All', [{ repId: ana.id }])
    await rule({ name: 'all', kind: 'default', position: 1, poolId: p.id })
    await policy({ name: 'SQL', position: 0, match: { status: ['sql'] }, durationMinutes: 60, businessHours: false })
    const criteria = await api('/v1/admin/criteria?apply=new_activity_only', {
      method: 'PUT',
      json: { thresholds: { mql: 0, sql: 0 } },
    })
    expect(criteria.status).toBe(200)
    const res = await api('/v1/leads', {
      json: { email: 'intake.wiring@prospect.test', company: { domain: 'prospect.test' } },
    })
    expect([200, 201]).toContain(res.status)
    const { lead: brief } = (await res.json()) as {
      lead: { id: string; status: string; assignee: { id: string } | null; sla: { policy: string | null } }
    }
    const row = await getLead(brief.id)
    expect(row).toMatchObject({ assigneeId: ana.id, status: 'assigned' })
    const clock = await env.DB.prepare('SELECT policy_name, due_at, started_at FROM sla_clocks WHERE lead_id = ?')
      .bind(brief.id)
      .first<{ policy_name: string; due_at: number; started_at: number }>()
    expect(clock).toMatchObject({ policy_name: 'SQL' })
    expect(clock!.due_at - clock!.started_at).toBe(60 * 60_000)
    const alert = await env.DB.prepare("SELECT recipient FROM alerts WHERE lead_id = ? AND milestone = 'assigned'")
      .bind(brief.id)
      .first()
    expect(alert).toEqual({ recipient: 'rep' })
    const asg = await env.DB.prepare('SELECT rule, reason FROM assignments WHERE lead_id = ?').bind(brief.id).first()
    expect(asg).toEqual({ rule: 'all', reason: "pool All via rule 'all'; weighted round robin" })
  })

  it('skips reps outside working hours when the pool says so, and only then', async () => {
    const ny = await calendar({ name: 'NY', timeZone: 'America/New_York', schedule: NINE_TO_FIVE })
    const day = await rep('Dayshift', { calendarId: ny.id, weight: 10 })
    const night = await rep('Anytime')
    const strict = await pool('Strict', [{ repId: day.id }, { repId: night.id }], { respectWorkingHours: true })
    await rule({ name: 'strict', kind: 'default', position: 1, poolId: strict.id })
    const at3am = DateTime.fromISO('2026-11-24T03:00', { zone: 'America/New_York' }).toMillis()
    const at10am = DateTime.fromISO('2026-11-24T10:00', { zone: 'America/New_York' }).toMillis()
    const first = await lead()
    await handOff(ctxAt(at3am), first)
    expect((await getLead(first)).assigneeId).toBe(night.id)
    const asg = await env.DB.prepare('SELECT reason FROM assignments WHERE lead_id = ?')
      .bind(first)
      .first<{ reason: string }>()
    expect(asg!.reason).toContain('skipped Dayshift (outside working hours)')
    const second = await lead()
    await handOff(ctxAt(at10am), second)
    expect((await getLead(second)).assigneeId).toBe(day.id)
  })
})
