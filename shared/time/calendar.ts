/**
 * Business-hours calendars: a weekly schedule in an IANA time zone, plus holidays.
 * Runtime-neutral (workerd, browsers, node): validation uses only zod and `Intl`.
 * @module
 */
import { z } from 'zod'

/** Weekday keys in ISO order (Monday first), matching {@link WeeklySchedule}. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

/**
 * Wall-clock time of day, `HH:MM` (24-hour). `24:00` is allowed so an interval can run to midnight.
 * @example TimeOfDay.parse('09:30')
 */
export const TimeOfDay = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Expected a time of day HH:MM (00:00–24:00)')
export type TimeOfDay = z.infer<typeof TimeOfDay>

/** Minutes since midnight of a valid {@link TimeOfDay} ('09:30' → 570, '24:00' → 1440). */
export const timeOfDayMinutes = (t: TimeOfDay): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))

/**
 * One open interval within a day, `start` inclusive, `end` exclusive, `start < end`.
 * @example Interval.parse({ start: '09:00', end: '12:30' })
 */
export const Interval = z
  .object({ start: TimeOfDay, end: TimeOfDay })
  .refine((i) => timeOfDayMinutes(i.start) < timeOfDayMinutes(i.end), {
    message: 'start must be before end',
    path: ['end'],
  })
export type Interval = z.infer<typeof Interval>

const DayIntervals = z.array(Interval).max(48)

/**
 * Open intervals per weekday; a missing key (or an empty list) means closed all day.
 * Intervals of one day must not overlap (touching, e.g. 09:00–12:00 and 12:00–13:00, is allowed).
 * @example WeeklySchedule.parse({ mon: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }] })
 */
export const WeeklySchedule = z
  .object({
    mon: DayIntervals.optional(),
    tue: DayIntervals.optional(),
    wed: DayIntervals.optional(),
    thu: DayIntervals.optional(),
    fri: DayIntervals.optional(),
    sat: DayIntervals.optional(),
    sun: DayIntervals.optional(),
  })
  .strict()
  .superRefine((schedule, ctx) => {
    for (const day of WEEKDAYS) {
      const list = schedule[day]
      if (!list) continue
      const order = list
        .map((iv, index) => ({ index, start: timeOfDayMinutes(iv.start), end: timeOfDayMinutes(iv.end) }))
        .sort((a, b) => a.start - b.start)
      for (let k = 1; k < order.length; k++) {
        const prev = order[k - 1]!
        const cur = order[k]!
        if (cur.start < prev.end) {
          ctx.addIssue({
            code: 'custom',
            message: `overlaps the interval at index ${prev.index}`,
            path: [day, cur.index],
          })
        }
      }
    }
  })
export type WeeklySchedule = z.infer<typeof WeeklySchedule>

/**
 * True when `tz` is an IANA time zone this runtime knows (`Intl` throws a RangeError otherwise).
 * @example isValidTimeZone('Europe/Berlin') // true
 */
export const isValidTimeZone = (tz: string): boolean => {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 100) return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

/** IANA time zone name, checked against the runtime's `Intl` data. */
export const TimeZone = z.string().trim().min(1).max(100).refine(isValidTimeZone, 'Unknown IANA time zone')
export type TimeZone = z.infer<typeof TimeZone>

/** Calendar date `YYYY-MM-DD` that really exists (no 2026-02-30). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number]
    const dt = new Date(Date.UTC(y, m - 1, d))
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
  }, 'No such date')
export type IsoDate = z.infer<typeof IsoDate>

/**
 * A business-hours calendar. Holidays are whole local days (in `timeZone`) with no open time.
 * @example
 * Calendar.parse({
 *   timeZone: 'Europe/Berlin',
 *   schedule: { mon: [{ start: '09:00', end: '17:00' }] },
 *   holidays: ['2026-12-25'],
 * })
 */
export const Calendar = z.object({
  timeZone: TimeZone,
  schedule: WeeklySchedule,
  holidays: z.array(IsoDate).max(1000).default([]),
})
export type Calendar = z.infer<typeof Calendar>
