import { env } from 'cloudflare:test'
import { DateTime } from 'luxon'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { Sla } from '../../shared/schemas/lead'
import { handOff } from '../../worker/domain/handoff'
import { meetSla, stopSla } from '../../worker/domain/sla/clock'
import { slaSummary } from '../../worker/domain/sla/summary'
import {
  MIN,
  NINE_TO_FIVE,
  calendar,
  ctxAt,
  db,
  getLead,
  lead,
  policy,
  pool,
  reset,
  rep,
  rule,
  tick,
} from './assignment-fixtures'

/**
 * Independent reference: walks minute by minute in the zone with Luxon, counting minutes that fall on
 * Mon–Fri 09:00–17:00 local time outside holidays.
 */
const luxonBusinessAdd = (start: number, minutes: number, zone: string, holidays: string[] = []) => {
  let t = DateTime.fromMillis(start, { zone })
  let left = minutes
  while (left > 0) {
    const open = t.weekday <= 5 && t.hour >= 9 && t.hour < 17 && !holidays.includes(t.toISODate()!)
    t = t.plus({ minutes: 1 })
    if (open) left--
  }
  return t.toMillis()
}

const local = (zone: string, iso: string) => DateTime.fromISO(iso, { zone }).toMillis()

const setup = async (zone: string | null, holidays: string[] = []) => {
  const cal = zone ? await calendar({ name: zone, timeZone: zone, schedule: NINE_TO_FIVE, holidays }) : null
  const r = await rep('Rita', { calendarId: cal?.id ?? null, timeZone: zone ?? 'UTC' })
  const p = await pool('P', [{ repId: r.id }])
  await rule({ name: 'all', kind: 'default', position: 1, poolId: p.id })
  await policy({ name: 'Hot', position: 0, match: { hot: true }, durationMinutes: 5, businessHours: false })
  await policy({ name: 'SQL', position: 1, match: { status: ['sql'] }, durationMinutes: 60 })
  await policy({ name: 'MQL', position: 2, match: { status: ['mql'] }, durationMinutes: 480 })
  return r
}

const clockOf = (leadId: string) =>
  env.DB.prepare('SELECT * FROM sla_clocks WHERE lead_id = ? ORDER BY started_at DESC').bind(leadId).first<{
    policy_name: string
    due_at: number
    started_at: number
    next_check_at: number | null
    met_at: number | null
    stopped_at: number | null
  }>()

const assignAt = async (at: number, over: Parameters<typeof lead>[0] = {}) => {
  const id = await lead(over)
  await handOff(ctxAt(at), id)
  return { id, clock: (await clockOf(id))! }
}

describe('SLA clocks on the assignee calendar', () => {
  beforeEach(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {})
    await reset()
  })

  it('puts a lead assigned Friday 16:30 New York with 60 business minutes due Monday 09:30 New York', async () => {
    await setup('America/New_York')
    const start = local('America/New_York', '2026-11-20T16:30')
    const { id, clock } = await assignAt(start)
    expect(clock.policy_name).toBe('SQL')
    expect(clock.due_at).toBe(local('America/New_York', '2026-11-23T09:30'))
    expect(clock.due_at).toBe(luxonBusinessAdd(start, 60, 'America/New_York'))
    expect((await getLead(id)).status).toBe('assigned')
    // First milestone (50% warning) is indexed for the cron: 30 business minutes = Friday 17:00.
    expect(clock.next_check_at).toBe(local('America/New_York', '2026-11-20T17:00'))
  })

  it('skips a holiday', async () => {
    await setup('America/New_York', ['2026-11-23'])
    const start = local('America/New_York', '2026-11-20T16:30')
    const { clock } = await assignAt(start)
    expect(clock.due_at).toBe(local('America/New_York', '2026-11-24T09:30'))
    expect(clock.due_at).toBe(luxonBusinessAdd(start, 60, 'America/New_York', ['2026-11-23']))
  })

  it.each([
    ['America/New_York', '2026-03-06T16:30', 'spring forward 2026-03-08'],
    ['America/New_York', '2026-10-30T16:30', 'fall back 2026-11-01'],
    ['Europe/Berlin', '2026-03-27T16:30', 'spring forward 2026-03-29'],
    ['Europe/Berlin', '2026-10-23T16:30', 'fall back 2026-10-25'],
  ])('crosses the DST change in %s (%s, %s)', async (zone, startLocal) => {
    await setup(zone)
    const start = local(zone, startLocal)
    const { clock } = await assignAt(start)
    expect(clock.due_at).toBe(luxonBusinessAdd(start, 60, zone))
    expect(DateTime.fromMillis(clock.due_at, { zone }).toFormat('ccc HH:mm')).toBe('Mon 09:30')
    const mql = await assignAt(start, { status: 'mql' })
    expect(mql.clock.policy_name).toBe('MQL')
    expect(mql.clock.due_at).toBe(luxonBusinessAdd(start, 480, zone))
  })

  it('runs hot leads round the clock (5 minutes on a Saturday night) and reps without a calendar 24/7', async () => {
    await setup('Europe/Berlin')
    const sat = local('Europe/Berlin', '2026-11-21T23:00')
    const hot = await assignAt(sat, { hot: true })
    expect(hot.clock.policy_name).toBe('Hot')
    expect(hot.clock.due_at).toBe(sat + 5 * MIN)
    await reset()
    await setup(null)
    const plain = await assignAt(sat)
    expect(plain.clock.due_at).toBe(sat + 60 * MIN)
  })

  it('is met by the first touch and stopped by a disqualification: no alert after that', async () => {
    await setup(null)
    const t0 = Date.UTC(2026, 10, 23, 12)
    const met = await assignAt(t0)
    const dq = await assignAt(t0)
    await meetSla(ctxAt(t0 + 10 * MIN), met.id, t0 + 10 * MIN)
    await meetSla(ctxAt(t0 + 20 * MIN), met.id, t0 + 20 * MIN) // a second touch changes nothing
    await stopSla(ctxAt(t0 + 10 * MIN), dq.id, t0 + 10 * MIN, 'disqualified')
    expect(await clockOf(met.id)).toMatchObject({ met_at: t0 + 10 * MIN, next_check_at: null })
    expect(await clockOf(dq.id)).toMatchObject({ stopped_at: t0 + 10 * MIN, met_at: null, next_check_at: null })
    await tick(t0 + 120 * MIN)
    const { results } = await env.DB.prepare("SELECT milestone FROM alerts WHERE milestone != 'assigned'").all()
    expect(results).toEqual([])
    const summary = Sla.parse(await slaSummary(db, met.id, t0 + 120 * MIN))
    expect(summary).toMatchObject({ policy: 'SQL', state: 'met', metAt: new Date(t0 + 10 * MIN).toISOString() })
    expect((await slaSummary(db, dq.id, t0 + 120 * MIN)).state).toBe('none')
  })

  it('summarises the clock for the brief: running → due soon → breached, with its history', async () => {
    await setup(null)
    const t0 = Date.UTC(2026, 10, 23, 12)
    const { id } = await assignAt(t0)
    const at = (m: number) => slaSummary(db, id, t0 + m * MIN)
    expect(await at(10)).toMatchObject({
      policy: 'SQL',
      state: 'running',
      startedAt: new Date(t0).toISOString(),
      dueAt: new Date(t0 + 60 * MIN).toISOString(),
      dueSoonAt: new Date(t0 + 48 * MIN).toISOString(),
      metAt: null,
    })
    expect((await at(50)).state).toBe('due_soon')
    await tick(t0 + 61 * MIN)
    const late = Sla.parse(await at(61))
    expect(late.state).toBe('breached')
    expect(late.history!.map((h) => h.kind)).toEqual(['started', 'warning', 'warning', 'breach'])
    expect(await slaSummary(db, await lead(), t0)).toMatchObject({ policy: null, state: 'none' })
  })
})
