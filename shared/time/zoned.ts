/**
 * Wall-clock ↔ instant conversion in IANA time zones with nothing but `Intl.DateTimeFormat`
 * (no Temporal, no tz database of our own), so it runs the same in workerd, browsers and node.
 * @module
 */

/** Wall-clock fields of an instant in a time zone. `weekday` is ISO: 1 = Monday … 7 = Sunday. */
export type ZonedParts = {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  weekday: number
}

// Building a DateTimeFormat costs far more than using one: keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>()

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a proleptic Gregorian date. */
export const isoWeekday = (year: number, month: number, day: number): number => {
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, day)
  const w = d.getUTCDay()
  return w === 0 ? 7 : w
}

/** `Date.UTC` that also works for years 0–99 (which `Date.UTC` maps to 1900–1999). */
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => {
  const date = new Date(0)
  date.setUTCFullYear(y, mo - 1, d)
  date.setUTCHours(h, mi, s, 0)
  return date.getTime()
}

/**
 * The wall-clock date and time of instant `t` (epoch ms) in `timeZone`.
 * @example zonedParts(Date.UTC(2026, 6, 1, 12), 'Europe/Berlin') // { year: 2026, month: 7, day: 1, hour: 14, … }
 */
export const zonedParts = (t: number, timeZone: string): ZonedParts => {
  const parts = formatterFor(timeZone).formatToParts(new Date(t))
  let year = 0
  let month = 0
  let day = 0
  let hour = 0
  let minute = 0
  let second = 0
  let bc = false
  for (const p of parts) {
    switch (p.type) {
      case 'year':
        year = Number(p.value)
        break
      case 'month':
        month = Number(p.value)
        break
      case 'day':
        day = Number(p.value)
        break
      case 'hour':
        // Some engines print midnight as 24 even with h23; normalise.
        hour = Number(p.value) % 24
        break
      case 'minute':
        minute = Number(p.value)
        break
      case 'second':
        second = Number(p.value)
        break
      case 'era':
        bc = p.value.startsWith('B')
        break
    }
  }
  if (bc) year = 1 - year
  return { year, month, day, hour, minute, second, weekday: isoWeekday(year, month, day) }
}

/**
 * The instant the wall-clock day of `t` began in `timeZone` (for "today" in the rep's own zone).
 * @example startOfZonedDay(Date.UTC(2026, 6, 1, 12), 'Europe/Berlin') // Date.UTC(2026, 5, 30, 22)
 */
export const startOfZonedDay = (t: number, timeZone: string): number => {
  const p = zonedParts(t, timeZone)
  return t - (((t % 1000) + 1000) % 1000) - ((p.hour * 60 + p.minute) * 60 + p.second) * 1000
}

/**
 * Offset of `timeZone` from UTC at instant `t`, in ms (Berlin in summer → +7_200_000).
 * @example zoneOffset(Date.UTC(2026, 0, 1), 'America/New_York') // -18_000_000
 */
export const zoneOffset = (t: number, timeZone: string): number => {
  const p = zonedParts(t, timeZone)
  const wall = utc(p.year, p.month, p.day, p.hour, p.minute, p.second)
  return wall - (t - (((t % 1000) + 1000) % 1000))
}
