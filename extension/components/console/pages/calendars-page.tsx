/**
 * Business-hours calendars: open hours per weekday (several intervals a day for a lunch break or a split
 * shift), holidays, and the zone they are read in. SLA clocks in business hours count only open time.
 * @module
 */
import { CalendarInput } from '../../../../shared/schemas/admin'
import { WEEKDAYS } from '../../../../shared/time/calendar'
import type { InputOf, ItemOf } from '../../../admin/console-resources'
import { useEditor } from '../../admin/editor-context'
import { TextField } from '../../admin/fields'
import { TimeInput, TimeZoneField } from '../console-fields'
import type { PageProps } from '../console-lists'
import { ResourcePage } from '../resource-page'
import { scheduleSummary } from './schedule-summary'

type Calendar = ItemOf<'calendars'>
type Draft = InputOf<'calendars'>
type Schedule = Draft['schedule']
type Day = (typeof WEEKDAYS)[number]

const DAY_NAMES: Record<Day, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
}

const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }]

const blank = (): Draft => ({
  name: '',
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  schedule: { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE },
  holidays: [],
})

const toDraft = ({ id: _id, ...cal }: Calendar): Draft => cal

const WeekFields = ({ schedule }: { schedule: Schedule }) => {
  const { update, errors } = useEditor()
  return (
    <fieldset class="week">
      <legend>Weekly hours</legend>
      {(schedule.mon ?? []).length ? (
        <button
          type="button"
          class="link copy-week"
          onClick={() => {
            for (const d of ['tue', 'wed', 'thu', 'fri'] as const) update(['schedule', d], schedule.mon)
          }}
        >
          Copy Monday's hours to Tue–Fri
        </button>
      ) : null}
      {WEEKDAYS.map((day) => {
        const hours = schedule[day] ?? []
        // Problems of the day or of a whole interval (an overlap); a time's own problem shows at its field.
        const dayErrors = Object.entries(errors)
          .filter(([k]) => k === `schedule.${day}` || new RegExp(`^schedule\\.${day}\\.\\d+$`).test(k))
          .flatMap(([, m]) => m)
        return (
          <div class="day" key={day} role="group" aria-label={DAY_NAMES[day]}>
            <span class="day-name">{DAY_NAMES[day]}</span>
            <div class="day-hours">
              {hours.length === 0 ? <span class="muted closed">Closed</span> : null}
              {hours.map((iv, i) => (
                <div class="interval" key={i}>
                  <TimeInput
                    label={`${DAY_NAMES[day]} from (${i + 1})`}
                    path={['schedule', day, i, 'start']}
                    value={iv.start}
                  />
                  <span aria-hidden="true">–</span>
                  <TimeInput
                    label={`${DAY_NAMES[day]} to (${i + 1})`}
                    path={['schedule', day, i, 'end']}
                    value={iv.end}
                  />
                  <button
                    type="button"
                    class="link"
                    aria-label={`Remove ${DAY_NAMES[day]} hours ${i + 1}`}
                    title="Remove these hours"
                    onClick={() =>
                      update(
                        ['schedule', day],
                        hours.filter((_, j) => j !== i),
                      )
                    }
                  >
                    ×
                  </button>
                </div>
              ))}
              {dayErrors.length ? (
                <span class="field-error" role="alert">
                  {dayErrors.join(' · ')}
                </span>
              ) : null}
            </div>
            <div class="day-tools">
              <button
                type="button"
                class="link"
                aria-label={`Add hours on ${DAY_NAMES[day]}`}
                onClick={() => {
                  const last = hours.at(-1)
                  // A second interval starts an hour after the first ends: the usual split day.
                  const next = last ? { start: later(last.end, 60), end: later(last.end, 240) } : NINE_TO_FIVE[0]!
                  update(['schedule', day], [...hours, next])
                }}
              >
                + hours
              </button>
            </div>
          </div>
        )
      })}
    </fieldset>
  )
}

/** `HH:MM` plus minutes, capped at 24:00. */
const later = (t: string, minutes: number) => {
  const [h, m] = t.split(':').map(Number) as [number, number]
  const total = Math.min(24 * 60, h * 60 + m + minutes)
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
}

const HolidayFields = ({ holidays }: { holidays: readonly string[] }) => {
  const { update } = useEditor()
  return (
    <fieldset>
      <legend>Holidays (closed all day)</legend>
      {holidays.length === 0 ? <p class="muted">No holidays.</p> : null}
      <div class="holidays">
        {holidays.map((d, i) => (
          <div class="holiday" key={i}>
            <TextField label={`Holiday ${i + 1}`} type="date" path={['holidays', i]} value={d} />
            <button
              type="button"
              class="link"
              aria-label={`Remove holiday ${d || i + 1}`}
              onClick={() =>
                update(
                  ['holidays'],
                  holidays.filter((_, j) => j !== i),
                )
              }
            >
              Remove
            </button>
          </div>
        ))}
      </div>
      <button type="button" class="link" onClick={() => update(['holidays'], [...holidays, ''])}>
        + holiday
      </button>
    </fieldset>
  )
}

/**
 * @example <CalendarsPage client={client} lists={lists} />
 */
export const CalendarsPage = ({ client, lists }: PageProps) => (
  <ResourcePage
    client={client}
    resource="calendars"
    list={lists.calendars}
    title="Calendars"
    noun="calendar"
    intro="Working hours for reps and business-hours SLA clocks. A day can have several intervals (a lunch break, a split shift)."
    nameOf={(c) => c.name}
    schema={CalendarInput}
    blank={blank}
    toDraft={toDraft}
    remove={{ text: 'Delete', confirm: 'Delete this calendar?' }}
    fields={(draft) => (
      <>
        <div class="row">
          <TextField label="Name" path={['name']} value={draft.name} />
          <TimeZoneField path={['timeZone']} value={draft.timeZone} />
        </div>
        <WeekFields schedule={draft.schedule} />
        <HolidayFields holidays={draft.holidays ?? []} />
      </>
    )}
    columns={[
      { label: 'Name', cell: (c) => <strong>{c.name}</strong> },
      { label: 'Time zone', cell: (c) => c.timeZone },
      { label: 'Hours', wrap: true, cell: (c) => scheduleSummary(c.schedule) },
      { label: 'Holidays', cell: (c) => (c.holidays.length ? String(c.holidays.length) : '—') },
    ]}
  />
)
