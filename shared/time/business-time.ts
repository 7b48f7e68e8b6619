/**
 * Business-time arithmetic on a {@link Calendar}: the SLA clock runs only while the calendar is open,
 * in the calendar's own time zone, across nights, weekends, holidays and daylight-saving changes.
 * Works interval to interval (never minute by minute). `null` calendar = round the clock.
 * @module
 */
import { WEEKDAYS, timeOfDayMinutes, type Calendar } from './calendar'
import { isoWeekday, zonedParts, zoneOffset } from './zoned'

export { zonedParts } from './zoned'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

type DayMinutes = Array<readonly [start: number, end: number]>
type Prepared = {
  timeZone: string
  days: DayMinutes[]
  holidays: Set<string>
  maxClosedDays: number
  everOpen: boolean
}

const prepared = new WeakMap<Calendar, Prepared>()

/** Sorted minute ranges per ISO weekday (index 1–7), merged where they touch; cached per calendar object. */
const prepare = (calendar: Calendar): Prepared => {
  const hit = prepared.get(calendar)
  if (hit) return hit
  const days: DayMinutes[] = [[]]
  let open = false
  for (const key of WEEKDAYS) {
    const ranges = (calendar.schedule[key] ?? [])
      .map((iv) => [timeOfDayMinutes(iv.start), timeOfDayMinutes(iv.end)] as const)
      .filter(([s, e]) => s < e)
      .sort((a, b) => a[0] - b[0])
    const merged: Array<[number, number]> = []
    for (const [s, e] of ranges) {
      const last = merged[merged.length - 1]
      if (last && s <= last[1]) last[1] = Math.max(last[1], e)
      else merged.push([s, e])
    }
    if (merged.length) open = true
    days.push(merged)
  }
  const holidays = new Set(calendar.holidays ?? [])
  // Longest possible run of days without open time when the schedule has some: a week, plus every
  // holiday, plus a week for an interval lost in a DST gap. Beyond that the calendar is never open.
  const maxClosedDays = 14 + holidays.size
  const p = { timeZone: calendar.timeZone, days, holidays, maxClosedDays, everOpen: open }
  prepared.set(calendar, p)
  return p
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

const dateKey = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`

/** Wall-clock date as if it were UTC (ms); `Date.UTC` misreads years 0–99, this does not. */
const wallMs = (y: number, m: number, d: number): number => {
  const date = new Date(0)
  date.setUTCFullYear(y, m - 1, d)
  return date.getTime()
}

/**
 * The instants at which the wall clock of local day y-m-d reads a time inside one of `ranges`
 * (minutes of the day), as sorted disjoint [start, end) pieces.
 *
 * Exact across DST: before the day's transition instant T (if any) wall = t + offsetBefore, after it
 * wall = t + offsetAfter, so each wall range maps to at most two pieces. A range inside the
 * spring-forward gap yields nothing; a range over the repeated autumn hour counts it twice,
 * as the clock on the wall does.
 */
const dayPieces = (y: number, m: number, d: number, ranges: DayMinutes, timeZone: string) => {
  const pieces: Array<[number, number]> = []
  if (ranges.length === 0) return pieces
  const midnight = wallMs(y, m, d)
  // Offsets a day either side of the local day bracket every instant whose wall clock is on that day
  // (offsets stay within ±14 h); real zones never change offset twice within those three days.
  const lo = midnight - DAY
  const hi = midnight + 2 * DAY
  const before = zoneOffset(lo, timeZone)
  const after = zoneOffset(hi, timeZone)
  let transition = Infinity
  if (before !== after) {
    // First minute with the new offset (transitions fall on whole minutes).
    let a = lo / MINUTE
    let b = hi / MINUTE
    while (b - a > 1) {
      const mid = Math.floor((a + b) / 2)
      if (zoneOffset(mid * MINUTE, timeZone) === before) a = mid
      else b = mid
    }
    transition = b * MINUTE
  }
  for (const [s, e] of ranges) {
    const ws = midnight + s * MINUTE
    const we = midnight + e * MINUTE
    const s1 = ws - before
    const e1 = Math.min(we - before, transition)
    if (s1 < e1) pieces.push([s1, e1])
    if (transition !== Infinity) {
      const s2 = Math.max(ws - after, transition)
      const e2 = we - after
      if (s2 < e2) pieces.push([s2, e2])
    }
  }
  return pieces.sort((p, q) => p[0] - q[0])
}

/**
 * Open intervals [start, end) as instants, in order, from the local day containing `from` onwards,
 * clipped so that none starts before `from`. Ends only when the consumer stops iterating.
 */
function* openIntervals(from: number, p: Prepared): Generator<readonly [number, number]> {
  if (!p.everOpen) throw new Error(`Calendar (${p.timeZone}) has no open hours in its weekly schedule`)
  const first = zonedParts(from, p.timeZone)
  // Wall-clock dates only ever increase with time, so walking local days in order yields instants in order.
  let [y, m, d] = [first.year, first.month, first.day]
  let closedDays = 0
  for (;;) {
    const ranges = p.holidays.has(dateKey(y, m, d)) ? [] : p.days[isoWeekday(y, m, d)]!
    let yielded = false
    for (const [s, e] of dayPieces(y, m, d, ranges, p.timeZone)) {
      const clipped = Math.max(s, from)
      if (e <= clipped) continue
      yielded = true
      yield [clipped, e] as const
    }
    closedDays = yielded ? 0 : closedDays + 1
    if (closedDays > p.maxClosedDays) {
      throw new Error(`Calendar (${p.timeZone}) has no open time after ${new Date(from).toISOString()}`)
    }
    const next = new Date(wallMs(y, m, d) + DAY)
    ;[y, m, d] = [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()]
  }
}

const checkInstant = (name: string, t: number) => {
  if (!Number.isFinite(t)) throw new RangeError(`${name} must be a finite epoch-ms number`)
}

/**
 * The instant at which `minutes` of open time have elapsed since `start` (epoch ms). A start while
 * closed begins counting at the next opening; a result exactly at a closing time stays there.
 * Throws when the calendar never opens.
 * @example
 * // Friday 16:30 in New York + 60 business minutes (09:00–17:00 Mon–Fri) → Monday 09:30
 * addBusinessMinutes(Date.UTC(2026, 10, 20, 21, 30), 60, nineToFive) // Date.UTC(2026, 10, 23, 14, 30)
 */
export const addBusinessMinutes = (start: number, minutes: number, calendar: Calendar | null): number => {
  checkInstant('start', start)
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError('minutes must be a finite number ≥ 0')
  let remaining = Math.round(minutes * MINUTE)
  if (!calendar) return start + remaining
  if (remaining === 0) return start
  for (const [s, e] of openIntervals(start, prepare(calendar))) {
    if (remaining <= e - s) return s + remaining
    remaining -= e - s
  }
  throw new Error('unreachable')
}

/**
 * Open time between two instants, in minutes (fractional; negative when `b < a`).
 * @example businessMinutesBetween(fridayAt1630, mondayAt0930, nineToFive) // 60
 */
export const businessMinutesBetween = (a: number, b: number, calendar: Calendar | null): number => {
  checkInstant('a', a)
  checkInstant('b', b)
  if (b < a) return -businessMinutesBetween(b, a, calendar)
  if (!calendar) return (b - a) / MINUTE
  const p = prepare(calendar)
  if (!p.everOpen) return 0
  let total = 0
  for (const [s, e] of openIntervals(a, p)) {
    if (s >= b) break
    total += Math.min(e, b) - s
  }
  return total / MINUTE
}

/**
 * The first open instant at or after `t` (`t` itself when open). Throws when the calendar never opens.
 * @example nextOpening(saturdayNoon, nineToFive) // Monday 09:00 in the calendar's zone
 */
export const nextOpening = (t: number, calendar: Calendar | null): number => {
  checkInstant('t', t)
  if (!calendar) return t
  for (const [s] of openIntervals(t, prepare(calendar))) return s
  throw new Error('unreachable')
}

/**
 * Whether the calendar is open at instant `t` (interval starts inclusive, ends exclusive).
 * @example isOpenAt(Date.UTC(2026, 10, 23, 14), nineToFiveNewYork) // true (Monday 09:00 EST)
 */
export const isOpenAt = (t: number, calendar: Calendar | null): boolean => {
  checkInstant('t', t)
  if (!calendar) return true
  const p = prepare(calendar)
  const { year: y, month: m, day: d, weekday } = zonedParts(t, p.timeZone)
  if (p.holidays.has(dateKey(y, m, d))) return false
  return dayPieces(y, m, d, p.days[weekday]!, p.timeZone).some(([s, e]) => s <= t && t < e)
}
