import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { Calendar, businessMinutesBetween, formatRemaining, slaMilestones, slaState } from '../../shared/time'

const NY = 'America/New_York'
const at = (iso: string, zone = NY) => DateTime.fromISO(iso, { zone }).toMillis()
const nineToFive = [{ start: '09:00', end: '17:00' }]
const nyOffice = Calendar.parse({
  timeZone: NY,
  schedule: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays: ['2026-11-26'],
})

describe('slaMilestones', () => {
  it('round the clock: plain minutes', () => {
    const start = at('2026-11-21T23:58')
    const m = slaMilestones(start, 5, null, [0.5, 0.8])
    expect(m.dueAt).toBe(start + 5 * 60_000)
    expect(m.warningsAt).toEqual([start + 150_000, start + 240_000])
  })

  it('one business hour from Friday 16:40 lands on Monday, warnings on both days', () => {
    const start = at('2026-11-20T16:40')
    const m = slaMilestones(start, 60, nyOffice, [0.25, 0.5, 0.8])
    expect(m.dueAt).toBe(at('2026-11-23T09:40'))
    expect(m.warningsAt).toEqual([at('2026-11-20T16:55'), at('2026-11-23T09:10'), at('2026-11-23T09:28')])
    for (const [i, f] of [0.25, 0.5, 0.8].entries()) {
      expect(businessMinutesBetween(start, m.warningsAt[i]!, nyOffice)).toBeCloseTo(f * 60, 9)
    }
  })

  it('one business day over Thanksgiving', () => {
    const m = slaMilestones(at('2026-11-25T13:00'), 480, nyOffice, [])
    expect(m.dueAt).toBe(at('2026-11-27T13:00'))
    expect(m.warningsAt).toEqual([])
  })

  it('rejects nonsense durations and fractions', () => {
    expect(() => slaMilestones(0, 0, null, [])).toThrow(RangeError)
    expect(() => slaMilestones(0, 10, null, [1.2])).toThrow(RangeError)
    expect(() => slaMilestones(0, 10, null, [0])).toThrow(RangeError)
  })
})

describe('slaState', () => {
  const clock = { startedAt: 1_000, dueAt: 61_000, dueSoonAt: 49_000 }
  it.each([
    ['just started', clock, 1_000, 'running'],
    ['before amber', clock, 48_999, 'running'],
    ['at the warning point', clock, 49_000, 'due_soon'],
    ['one ms before due', clock, 60_999, 'due_soon'],
    ['at due time', clock, 61_000, 'breached'],
    ['long after due', clock, 10_000_000, 'breached'],
    ['no warning point', { startedAt: 1_000, dueAt: 61_000 }, 60_000, 'running'],
    ['null warning point', { ...clock, dueSoonAt: null }, 60_000, 'running'],
    ['met in time', { ...clock, metAt: 30_000 }, 100_000, 'met'],
    ['met late stays met', { ...clock, metAt: 90_000 }, 100_000, 'met'],
    ['stopped untouched (disqualified)', { ...clock, stoppedAt: 20_000 }, 100_000, 'none'],
    ['met and stopped', { ...clock, metAt: 20_000, stoppedAt: 20_000 }, 100_000, 'met'],
    ['no clock', { startedAt: null, dueAt: null }, 100_000, 'none'],
    ['started without due time', { startedAt: 1_000, dueAt: null }, 100_000, 'none'],
  ] as const)('%s', (_, sla, now, want) => {
    expect(slaState(sla, now)).toBe(want)
  })
})

describe('formatRemaining', () => {
  const s = 1000
  const m = 60 * s
  const h = 60 * m
  const d = 24 * h
  it.each([
    [0, '0s'],
    [999, '0s'],
    [42 * s, '42s'],
    [4 * m + 12 * s, '4m 12s'],
    [4 * m + 5 * s + 900, '4m 05s'],
    [5 * m, '5m'],
    [59 * m + 59 * s, '59m 59s'],
    [h, '1h'],
    [h + 5 * m + 30 * s, '1h 05m'],
    [23 * h + 59 * m, '23h 59m'],
    [2 * d + 3 * h + 59 * m, '2d 3h'],
    [3 * d, '3d'],
    [-12 * m, 'overdue by 12m'],
    [-(12 * m + 3 * s), 'overdue by 12m 03s'],
    [-(26 * h), 'overdue by 1d 2h'],
    [-400, 'overdue by 0s'],
  ])('%i ms → %s', (ms, want) => {
    expect(formatRemaining(ms)).toBe(want)
  })
})
