import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { app } from '../../worker/app'
import { handOff } from '../../worker/domain/handoff'
import { MIN, channel, ctxAt, lead, policy, pool, rep, reset, rule } from './assignment-fixtures'

const T0 = Date.UTC(2026, 10, 23, 15, 0)
const local = { ...env, LOCAL_SCHEDULED: 'true' }
const scheduled = (time: number, bindings: Env = local) =>
  app.request(`http://127.0.0.1/__scheduled?cron=*+*+*+*+*&time=${time}`, {}, bindings)
const milestones = async (leadId: string) =>
  (
    await env.DB.prepare('SELECT milestone FROM alerts WHERE lead_id = ? ORDER BY created_at')
      .bind(leadId)
      .all<{ milestone: string }>()
  ).results.map((r) => r.milestone)

describe('/__scheduled?time= (local runs)', () => {
  beforeEach(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {})
    await reset()
  })

  it('checks SLA clocks as of the given time, not the wall clock', async () => {
    const log = await channel({ name: 'log', kind: 'log' })
    const ana = await rep('Ana', { channelId: log.id })
    const p = await pool('Team', [{ repId: ana.id }])
    await rule({ name: 'team', kind: 'default', position: 1, poolId: p.id })
    await policy({
      name: 'SQL 1h',
      position: 0,
      durationMinutes: 60,
      businessHours: false,
      warnings: [0.5],
      escalation: [],
    })
    const id = await lead()
    await handOff(ctxAt(T0), id)

    const early = await scheduled(T0 + 10 * MIN)
    expect(early.status).toBe(200)
    expect(await early.json()).toMatchObject({ ran: true, now: new Date(T0 + 10 * MIN).toISOString() })
    expect(await milestones(id)).toEqual(['assigned'])

    await scheduled(T0 + 31 * MIN)
    expect(await milestones(id)).toEqual(['assigned', 'warning_50'])
    await scheduled(T0 + 61 * MIN)
    expect(await milestones(id)).toEqual(['assigned', 'warning_50', 'breach'])
  })

  it('does not exist unless LOCAL_SCHEDULED is "true"', async () => {
    const res = await scheduled(T0, env)
    expect(res.status).toBe(404)
  })

  it('rejects a time that is not a number', async () => {
    const res = await app.request('http://127.0.0.1/__scheduled?time=soon', {}, local)
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({ error: { issues: [{ path: 'time' }] } })
  })
})
