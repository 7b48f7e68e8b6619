/**
 * A weekly schedule in one line, days with the same hours grouped: "Mon–Fri 09:00–12:00, 13:00–17:00".
 * @module
 */
import { WEEKDAYS, type WeeklySchedule } from '../../../../shared/time/calendar'

const SHORT = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' } as const

/**
 * @example scheduleSummary({ mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] })
 * // 'Mon–Tue 09:00–17:00'
 */
export const scheduleSummary = (schedule: WeeklySchedule): string => {
  const hoursOf = (d: (typeof WEEKDAYS)[number]) => (schedule[d] ?? []).map((iv) => `${iv.start}–${iv.end}`).join(', ')
  const groups: Array<{ from: string; to: string; hours: string }> = []
  for (const d of WEEKDAYS) {
    const hours = hoursOf(d)
    const last = groups.at(-1)
    if (last && last.hours === hours && WEEKDAYS.indexOf(last.to as never) === WEEKDAYS.indexOf(d) - 1) last.to = d
    else groups.push({ from: d, to: d, hours })
  }
  const open = groups.filter((g) => g.hours !== '')
  if (open.length === 0) return 'Closed all week'
  return open
    .map(
      (g) =>
        `${SHORT[g.from as keyof typeof SHORT]}${g.from === g.to ? '' : `–${SHORT[g.to as keyof typeof SHORT]}`} ${g.hours}`,
    )
    .join('; ')
}
