/**
 * Form controls the console needs beyond the criteria editor's: a reference to another item (or none),
 * an IANA time zone, a local date-time stored as an instant, and a set of choices as checkboxes. Bound to a
 * path like the editor's fields, with the messages for that path under each.
 * @module
 */
import { errorsAt } from '../../admin/validation'
import { isoToLocalInput, localInputToIso } from '../../admin/local-time'
import { fieldId, useEditor, type Path } from '../admin/editor-context'

const useBound = (path: Path, deep = false) => {
  const { errors, update } = useEditor()
  const id = fieldId(path)
  const messages = errorsAt(errors, path.join('.'), deep)
  return {
    id,
    messages,
    set: (value: unknown) => update(path, value),
    aria: {
      id,
      'aria-invalid': messages.length ? true : undefined,
      'aria-describedby': messages.length ? `${id}-error` : undefined,
    },
  }
}

const Messages = ({ id, messages }: { id: string; messages: string[] }) =>
  messages.length ? (
    <span class="field-error" id={`${id}-error`} role="alert">
      {messages.join(' · ')}
    </span>
  ) : null

/**
 * A select of other items by id; the first option is "none" (null).
 * @example <RefSelect label="Calendar" path={['calendarId']} value={d.calendarId} options={cals.map(c => [c.id, c.name])} />
 */
export const RefSelect = ({
  label,
  path,
  value,
  options,
  none = '— none —',
  hint,
  unset = null,
}: {
  label: string
  path: Path
  value: string | null | undefined
  options: ReadonlyArray<readonly [id: string, text: string]>
  none?: string | null
  hint?: string
  /** What "none" stores: null for nullable ids, undefined for optional ones. */
  unset?: null | undefined
}) => {
  const f = useBound(path)
  const known = value == null || options.some(([id]) => id === value)
  return (
    <div class={f.messages.length ? 'field invalid' : 'field'}>
      <label for={f.id}>{label}</label>
      <select {...f.aria} value={value ?? ''} onChange={(e) => f.set(e.currentTarget.value || unset)}>
        {none !== null ? <option value="">{none}</option> : null}
        {/* An id the lists do not know (deleted since) stays visible rather than silently changing. */}
        {known ? null : <option value={value}>{value} (unknown)</option>}
        {options.map(([id, text]) => (
          <option key={id} value={id}>
            {text}
          </option>
        ))}
      </select>
      {hint ? <span class="field-hint">{hint}</span> : null}
      <Messages id={f.id} messages={f.messages} />
    </div>
  )
}

const zones = (() => {
  try {
    return Intl.supportedValuesOf('timeZone')
  } catch {
    return ['UTC', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles']
  }
})()

/** An IANA time zone, typed with suggestions. */
export const TimeZoneField = ({
  label = 'Time zone',
  path,
  value,
}: {
  label?: string
  path: Path
  value: string | undefined
}) => {
  const f = useBound(path)
  return (
    <div class={f.messages.length ? 'field invalid' : 'field'}>
      <label for={f.id}>{label}</label>
      <input
        type="text"
        list="time-zones"
        {...f.aria}
        value={value ?? ''}
        onInput={(e) => f.set(e.currentTarget.value)}
      />
      <datalist id="time-zones">
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <span class="field-hint">e.g. Europe/Berlin, America/New_York</span>
      <Messages id={f.id} messages={f.messages} />
    </div>
  )
}

/** A local date and time in the browser's zone, kept as an ISO instant. */
export const DateTimeField = ({
  label,
  path,
  value,
  optional = false,
}: {
  label: string
  path: Path
  value: string | undefined | null
  optional?: boolean
}) => {
  const f = useBound(path)
  return (
    <div class={f.messages.length ? 'field invalid' : 'field'}>
      <label for={f.id}>{label}</label>
      <input
        type="datetime-local"
        {...f.aria}
        value={isoToLocalInput(value)}
        onInput={(e) => {
          const v = e.currentTarget.value
          f.set(v === '' ? (optional ? undefined : '') : localInputToIso(v))
        }}
      />
      <Messages id={f.id} messages={f.messages} />
    </div>
  )
}

/**
 * Checkboxes over fixed choices, stored as the array of those ticked (in the choices' order).
 * @example <ChoiceChecks legend="Alert" path={[...p, 'to']} value={step.to} choices={[['rep', 'the rep'], …]} />
 */
export const ChoiceChecks = ({
  legend,
  path,
  value,
  choices,
  hint,
  noneIsUnset = false,
}: {
  legend: string
  path: Path
  value: readonly string[] | undefined
  choices: ReadonlyArray<readonly [value: string, text: string]>
  hint?: string
  /** Nothing ticked leaves the value out (undefined) instead of []. */
  noneIsUnset?: boolean
}) => {
  const f = useBound(path, true)
  const chosen = new Set(value ?? [])
  return (
    <fieldset class={f.messages.length ? 'choices invalid' : 'choices'} id={f.id} tabIndex={-1}>
      <legend>{legend}</legend>
      {choices.map(([v, text]) => (
        <label key={v} class="choice">
          <input
            type="checkbox"
            checked={chosen.has(v)}
            onChange={(e) => {
              const on = e.currentTarget.checked
              const next = choices.map(([c]) => c).filter((c) => (c === v ? on : chosen.has(c)))
              f.set(next.length === 0 && noneIsUnset ? undefined : next)
            }}
          />{' '}
          {text}
        </label>
      ))}
      {hint ? <span class="field-hint">{hint}</span> : null}
      <Messages id={f.id} messages={f.messages} />
    </fieldset>
  )
}

/**
 * A time of day (`HH:MM`) without a visible label, for rows of intervals ("09:00 – 12:00"); the label is
 * its accessible name.
 * @example <TimeInput label="Monday, interval 1, from" path={['schedule', 'mon', 0, 'start']} value="09:00" />
 */
export const TimeInput = ({ label, path, value }: { label: string; path: Path; value: string | undefined }) => {
  const f = useBound(path)
  return (
    <span class={f.messages.length ? 'time invalid' : 'time'}>
      <input
        type="time"
        aria-label={label}
        {...f.aria}
        value={value ?? ''}
        onInput={(e) => f.set(e.currentTarget.value)}
      />
      <Messages id={f.id} messages={f.messages} />
    </span>
  )
}
