import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import {
  Calendar,
  WeeklySchedule,
  addBusinessMinutes,
  businessMinutesBetween,
  isOpenAt,
  isValidTimeZone,
  nextOpening,
  zonedParts,
} from '../../shared/time'

// ---------------------------------------------------------------------------------------------
// Independent reference: step real minutes with Luxon and count those whose wall-clock time (in the
// calendar's zone) falls inside an open interval of that weekday and not on a holiday.
// ---------------------------------------------------------------------------------------------
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))

const refOpen = (t: number, cal: Calendar): boolean => {
  const dt = DateTime.fromMillis(t, { zone: cal.timeZone })
  if (cal.holidays.includes(dt.toISODate()!)) return false
  const minute = dt.hour * 60 + dt.minute
  return (cal.schedule[DAYS[dt.weekday - 1]!] ?? []).some((iv) => toMin(iv.start) <= minute && minute < toMin(iv.end))
}

const refAdd = (start: number, minutes: number, cal: Calendar): number => {
  let t = start
  let left = minutes
  for (let guard = 0; left > 0; guard++) {
    if (guard > 120 * 1440) throw new Error('reference did not finish')
    if (refOpen(t, cal)) left--
    t += 60_000
  }
  return t
}

const refBetween = (a: number, b: number, cal: Calendar): number => {
  let n = 0
  for (let t = a; t < b; t += 60_000) if (refOpen(t, cal)) n++
  return n
}

/** Wall time in a zone → epoch ms, through Luxon (independent of the code under test). */
const at = (iso: string, zone: string) => {
  const dt = DateTime.fromISO(iso, { zone })
  if (!dt.isValid) throw new Error(`bad time ${iso}`)
  return dt.toMillis()
}
const show = (t: number, zone: string) => DateTime.fromMillis(t, { zone }).toISO()

const iv = (start: string, end: string) => ({ start, end })
const weekdays = (...ivs: Array<{ start: string; end: string }>) => ({
  mon: ivs,
  tue: ivs,
  wed: ivs,
  thu: ivs,
  fri: ivs,
})

const NY = 'America/New_York'
const BER = 'Europe/Berlin'

const nyOffice = Calendar.parse({
  timeZone: NY,
  schedule: weekdays(iv('09:00', '17:00')),
  holidays: ['2026-11-26', '2026-12-25', '2026-07-03'],
})
const berlinLunch = Calendar.parse({
  timeZone: BER,
  schedule: weekdays(iv('09:00', '12:00'), iv('13:00', '17:30')),
  holidays: ['2026-04-03', '2026-04-06', '2026-12-24', '2026-12-25', '2026-12-26'],
})
/** Open round the clock on Sundays only: every wall minute of the 23- or 25-hour DST Sundays counts. */
const sundays = (timeZone: string) =>
  Calendar.parse({ timeZone, schedule: { sun: [iv('00:00', '24:00')] }, holidays: [] })
/** Night shift: the DST jump at 02:00/03:00 falls inside the open interval. */
const nightShift = (timeZone: string) => {
  const nights = [iv('00:00', '06:00'), iv('22:00', '24:00')]
  return Calendar.parse({
    timeZone,
    schedule: { mon: nights, tue: nights, wed: nights, thu: nights, fri: nights, sat: nights, sun: nights },
    holidays: [],
  })
}
/** An interval that starts inside the repeated hour / the skipped hour of a DST Sunday. */
const oddHours = (timeZone: string) =>
  Calendar.parse({ timeZone, schedule: { sun: [iv('01:30', '05:00')], mon: [iv('09:00', '10:00')] }, holidays: [] })

type Case = { name: string; cal: Calendar; start: string; minutes: number; expect: string }

// Expected wall times are written out by hand; each is also checked against the Luxon reference.
const cases: Case[] = [
  { name: 'inside one day', cal: nyOffice, start: '2026-11-23T10:00', minutes: 90, expect: '2026-11-23T11:30' },
  {
    name: 'ends exactly at closing',
    cal: nyOffice,
    start: '2026-11-23T16:00',
    minutes: 60,
    expect: '2026-11-23T17:00',
  },
  { name: 'over a weekend', cal: nyOffice, start: '2026-11-20T16:30', minutes: 60, expect: '2026-11-23T09:30' },
  { name: 'start on Saturday', cal: nyOffice, start: '2026-11-21T11:00', minutes: 5, expect: '2026-11-23T09:05' },
  { name: 'start at night', cal: nyOffice, start: '2026-11-24T02:13', minutes: 60, expect: '2026-11-24T10:00' },
  { name: 'over Thanksgiving', cal: nyOffice, start: '2026-11-25T16:00', minutes: 120, expect: '2026-11-27T10:00' },
  {
    name: 'one business day over Thanksgiving + weekend',
    cal: nyOffice,
    start: '2026-11-25T12:00',
    minutes: 480,
    expect: '2026-11-27T12:00',
  },
  {
    name: 'holiday on a Friday + weekend',
    cal: nyOffice,
    start: '2026-07-02T16:00',
    minutes: 120,
    expect: '2026-07-06T10:00',
  },
  {
    name: 'NY spring forward weekend',
    cal: nyOffice,
    start: '2026-03-06T16:00',
    minutes: 120,
    expect: '2026-03-09T10:00',
  },
  { name: 'NY fall back weekend', cal: nyOffice, start: '2026-10-30T16:00', minutes: 120, expect: '2026-11-02T10:00' },
  {
    name: 'NY 5 business days over DST',
    cal: nyOffice,
    start: '2026-03-04T13:00',
    minutes: 5 * 480,
    expect: '2026-03-11T13:00',
  },
  { name: 'lunch split', cal: berlinLunch, start: '2026-06-10T11:30', minutes: 60, expect: '2026-06-10T13:30' },
  { name: 'lunch start', cal: berlinLunch, start: '2026-06-10T12:15', minutes: 10, expect: '2026-06-10T13:10' },
  {
    name: 'Easter: Good Friday to Easter Monday',
    cal: berlinLunch,
    start: '2026-04-02T17:00',
    minutes: 60,
    expect: '2026-04-07T09:30',
  },
  { name: 'Christmas', cal: berlinLunch, start: '2026-12-23T17:00', minutes: 450, expect: '2026-12-28T17:00' },
  {
    name: 'Berlin spring forward weekend',
    cal: berlinLunch,
    start: '2026-03-27T17:00',
    minutes: 200,
    expect: '2026-03-30T11:50',
  },
  {
    name: 'Berlin fall back weekend',
    cal: berlinLunch,
    start: '2026-10-23T16:30',
    minutes: 240,
    expect: '2026-10-26T12:00',
  },
  {
    name: 'NY 23-hour Sunday',
    cal: sundays(NY),
    start: '2026-03-08T00:00',
    minutes: 23 * 60,
    expect: '2026-03-09T00:00',
  },
  {
    name: 'NY 25-hour Sunday',
    cal: sundays(NY),
    start: '2026-11-01T00:00',
    minutes: 25 * 60,
    expect: '2026-11-02T00:00',
  },
  {
    name: 'Berlin 23-hour Sunday',
    cal: sundays(BER),
    start: '2026-03-29T00:00',
    minutes: 23 * 60,
    expect: '2026-03-30T00:00',
  },
  {
    name: 'Berlin 25-hour Sunday',
    cal: sundays(BER),
    start: '2026-10-25T00:00',
    minutes: 25 * 60,
    expect: '2026-10-26T00:00',
  },
  {
    name: 'NY night shift over spring forward',
    cal: nightShift(NY),
    start: '2026-03-07T23:00',
    minutes: 300,
    expect: '2026-03-08T05:00',
  },
  {
    name: 'NY night shift over fall back',
    cal: nightShift(NY),
    start: '2026-10-31T23:00',
    minutes: 300,
    expect: '2026-11-01T03:00',
  },
  {
    name: 'Berlin night shift over spring forward',
    cal: nightShift(BER),
    start: '2026-03-29T01:00',
    minutes: 120,
    expect: '2026-03-29T04:00',
  },
  {
    name: 'Berlin night shift over fall back',
    cal: nightShift(BER),
    start: '2026-10-25T01:00',
    minutes: 180,
    expect: '2026-10-25T03:00',
  },
  {
    name: 'interval starting in the skipped hour',
    cal: oddHours(NY),
    start: '2026-03-08T00:00',
    minutes: 150,
    expect: '2026-03-08T05:00',
  },
  {
    name: 'interval starting in the repeated hour',
    cal: oddHours(NY),
    start: '2026-11-01T00:00',
    minutes: 240,
    expect: '2026-11-01T05:00',
  },
  {
    name: 'spills to Monday after repeated hour',
    cal: oddHours(NY),
    start: '2026-11-01T00:00',
    minutes: 250,
    expect: '2026-11-02T09:10',
  },
]

describe('addBusinessMinutes', () => {
  it.each(cases)('$name', ({ cal, start, minutes, expect: want }) => {
    const t0 = at(start, cal.timeZone)
    const got = addBusinessMinutes(t0, minutes, cal)
    const reference = refAdd(t0, minutes, cal)
    expect(show(got, cal.timeZone)).toBe(show(reference, cal.timeZone))
    expect(got).toBe(reference)
    // The hand-written wall time catches a reference that is wrong in the same way.
    expect(DateTime.fromMillis(got, { zone: cal.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm")).toBe(want)
    // And the other direction: exactly `minutes` of open time lie between the two instants.
    expect(businessMinutesBetween(t0, got, cal)).toBe(minutes)
  })

  it('counts the repeated autumn hour twice and skips the spring gap (real elapsed time)', () => {
    const cal = sundays(NY)
    expect(businessMinutesBetween(at('2026-11-01T00:00', NY), at('2026-11-02T00:00', NY), cal)).toBe(25 * 60)
    expect(businessMinutesBetween(at('2026-03-08T00:00', NY), at('2026-03-09T00:00', NY), cal)).toBe(23 * 60)
    // 01:30–05:00 on a spring-forward Sunday exists only from 01:30–02:00 and 03:00–05:00.
    expect(businessMinutesBetween(at('2026-03-08T00:00', NY), at('2026-03-08T23:00', NY), oddHours(NY))).toBe(150)
    // …and on the fall-back Sunday 01:30–02:00 happens twice.
    expect(businessMinutesBetween(at('2026-11-01T00:00', NY), at('2026-11-01T23:00', NY), oddHours(NY))).toBe(240)
  })

  it('agrees with the reference from many start minutes around the DST changes', () => {
    const cal = Calendar.parse({
      timeZone: BER,
      schedule: {
        ...weekdays(iv('08:00', '12:00'), iv('12:30', '18:00')),
        sun: [iv('01:00', '04:00')],
        sat: [iv('22:00', '24:00')],
      },
      holidays: ['2026-10-26'],
    })
    const starts = [
      ...Array.from({ length: 24 }, (_, i) => at('2026-03-27T06:00', BER) + i * 163 * 60_000),
      ...Array.from({ length: 24 }, (_, i) => at('2026-10-23T06:00', BER) + i * 163 * 60_000),
    ]
    for (const t0 of starts) {
      for (const minutes of [1, 45, 400]) {
        expect(addBusinessMinutes(t0, minutes, cal), `${show(t0, BER)} + ${minutes}`).toBe(refAdd(t0, minutes, cal))
      }
    }
  }, 60_000)

  it('is plain addition without a calendar', () => {
    expect(addBusinessMinutes(1_000, 5, null)).toBe(301_000)
    expect(businessMinutesBetween(0, 90_000, null)).toBe(1.5)
  })

  it('keeps sub-minute precision and returns the start for zero minutes', () => {
    const t0 = at('2026-11-23T10:00:30', NY)
    expect(addBusinessMinutes(t0, 0.5, nyOffice)).toBe(t0 + 30_000)
    expect(addBusinessMinutes(t0, 0, nyOffice)).toBe(t0)
  })

  it('throws a clear error on a calendar that never opens, without looping', () => {
    const never = Calendar.parse({ timeZone: NY, schedule: {}, holidays: [] })
    expect(() => addBusinessMinutes(Date.now(), 10, never)).toThrow(/no open hours/)
    expect(() => nextOpening(Date.now(), never)).toThrow(/no open hours/)
    expect(isOpenAt(Date.now(), never)).toBe(false)
    expect(businessMinutesBetween(0, 10 * 86_400_000, never)).toBe(0)
    // Open only on 2026-12-25, which is a holiday: there is open time in the schedule but never on a date.
    const blocked = Calendar.parse({
      timeZone: BER,
      schedule: { fri: [iv('09:00', '10:00')] },
      holidays: Array.from({ length: 200 }, (_, i) =>
        DateTime.fromISO('2026-01-01', { zone: BER }).plus({ days: i }).toISODate()!,
      ).filter((d) => DateTime.fromISO(d).weekday === 5),
    })
    expect(() => addBusinessMinutes(at('2026-01-01T00:00', BER), 10, blocked)).toThrow()
    expect(addBusinessMinutes(at('2026-01-01T00:00', BER), 10, { ...blocked, holidays: [] })).toBe(
      at('2026-01-02T09:10', BER),
    )
  })

  it('rejects negative or non-finite inputs', () => {
    expect(() => addBusinessMinutes(0, -1, nyOffice)).toThrow(RangeError)
    expect(() => addBusinessMinutes(Number.NaN, 1, nyOffice)).toThrow(RangeError)
    expect(() => addBusinessMinutes(0, Number.POSITIVE_INFINITY, null)).toThrow(RangeError)
  })

  it('is fast: a year of business days in well under a second', () => {
    const t0 = at('2026-01-05T09:00', NY)
    const began = performance.now()
    const due = addBusinessMinutes(t0, 250 * 480, nyOffice)
    const ms = performance.now() - began
    expect(ms).toBeLessThan(1000)
    // 252 weekdays from Mon 5 Jan to Tue 22 Dec, less the 3 Jul and Thanksgiving holidays = 250.
    expect(show(due, NY)).toBe('2026-12-22T17:00:00.000-05:00')
    expect(businessMinutesBetween(t0, due, nyOffice)).toBe(250 * 480)
  })
})

describe('businessMinutesBetween', () => {
  it.each([
    ['Fri 16:30 → Mon 09:30', nyOffice, '2026-11-20T16:30', '2026-11-23T09:30', 60],
    ['over a holiday', nyOffice, '2026-11-25T09:00', '2026-11-27T17:00', 960],
    ['lunch', berlinLunch, '2026-06-10T11:00', '2026-06-10T14:00', 120],
    ['all closed', berlinLunch, '2026-06-13T00:00', '2026-06-14T23:00', 0],
  ] as const)('%s', (_, cal, a, b, want) => {
    const ta = at(a, cal.timeZone)
    const tb = at(b, cal.timeZone)
    expect(businessMinutesBetween(ta, tb, cal)).toBe(want)
    expect(businessMinutesBetween(ta, tb, cal)).toBe(refBetween(ta, tb, cal))
    expect(businessMinutesBetween(tb, ta, cal)).toBe(-want)
  })
})

describe('isOpenAt / nextOpening', () => {
  it.each([
    ['2026-11-23T08:59', NY, false, '2026-11-23T09:00'],
    ['2026-11-23T09:00', NY, true, '2026-11-23T09:00'],
    ['2026-11-23T16:59', NY, true, '2026-11-23T16:59'],
    ['2026-11-23T17:00', NY, false, '2026-11-24T09:00'],
    ['2026-11-26T12:00', NY, false, '2026-11-27T09:00'],
    ['2026-11-28T12:00', NY, false, '2026-11-30T09:00'],
    ['2026-03-08T12:00', NY, false, '2026-03-09T09:00'],
  ] as const)('%s', (wall, zone, open, next) => {
    const t = at(wall, zone)
    expect(isOpenAt(t, nyOffice)).toBe(open)
    expect(isOpenAt(t, nyOffice)).toBe(refOpen(t, nyOffice))
    expect(nextOpening(t, nyOffice)).toBe(at(next, zone))
  })

  it('lunch break is closed', () => {
    expect(isOpenAt(at('2026-06-10T12:30', BER), berlinLunch)).toBe(false)
    expect(nextOpening(at('2026-06-10T12:30', BER), berlinLunch)).toBe(at('2026-06-10T13:00', BER))
  })

  it('matches the reference minute by minute through both DST nights', () => {
    for (const [cal, day] of [
      [nightShift(NY), '2026-03-08T00:00'],
      [nightShift(NY), '2026-11-01T00:00'],
      [oddHours(NY), '2026-11-01T00:00'],
      [oddHours(NY), '2026-03-08T00:00'],
      [nightShift(BER), '2026-10-25T00:00'],
    ] as const) {
      const t0 = at(day, cal.timeZone)
      for (let t = t0 - 3_600_000; t < t0 + 8 * 3_600_000; t += 5 * 60_000) {
        expect(isOpenAt(t, cal), show(t, cal.timeZone)!).toBe(refOpen(t, cal))
      }
    }
  })

  it('is always open without a calendar', () => {
    expect(isOpenAt(123, null)).toBe(true)
    expect(nextOpening(123, null)).toBe(123)
  })
})

describe('zoned helpers', () => {
  it('zonedParts reads the wall clock', () => {
    expect(zonedParts(Date.UTC(2026, 6, 1, 12, 5, 7), BER)).toEqual({
      year: 2026,
      month: 7,
      day: 1,
      hour: 14,
      minute: 5,
      second: 7,
      weekday: 3,
    })
    expect(zonedParts(Date.UTC(2026, 10, 1, 4, 0), NY).hour).toBe(0)
  })
})

describe('calendar schemas', () => {
  it('validates time zones through Intl', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true)
    expect(isValidTimeZone('UTC')).toBe(true)
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false)
    expect(isValidTimeZone('')).toBe(false)
    expect(Calendar.safeParse({ timeZone: 'Nowhere/City', schedule: {}, holidays: [] }).success).toBe(false)
  })

  it('reports overlapping and reversed intervals with their paths', () => {
    const r = WeeklySchedule.safeParse({
      mon: [iv('09:00', '12:00'), iv('11:00', '13:00')],
      tue: [iv('14:00', '13:00')],
      wed: [iv('09:00', '12:00'), iv('12:00', '24:00')],
    })
    expect(r.success).toBe(false)
    const paths = r.error!.issues.map((i) => i.path.join('.'))
    expect(paths).toContain('mon.1')
    expect(paths).toContain('tue.0.end')
    expect(paths.some((p) => p.startsWith('wed'))).toBe(false)
  })

  it('accepts 24:00 only as an end and rejects bad dates and times', () => {
    expect(WeeklySchedule.safeParse({ mon: [iv('24:00', '24:00')] }).success).toBe(false)
    expect(WeeklySchedule.safeParse({ mon: [iv('9:00', '10:00')] }).success).toBe(false)
    expect(WeeklySchedule.safeParse({ mon: [iv('09:00', '24:01')] }).success).toBe(false)
    expect(WeeklySchedule.safeParse({ funday: [iv('09:00', '10:00')] }).success).toBe(false)
    const base = { timeZone: 'UTC', schedule: {} }
    expect(Calendar.safeParse({ ...base, holidays: ['2026-02-30'] }).success).toBe(false)
    expect(Calendar.safeParse({ ...base, holidays: ['26-12-25'] }).success).toBe(false)
    expect(Calendar.parse(base).holidays).toEqual([])
  })
})
