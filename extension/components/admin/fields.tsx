/**
 * Labelled form controls bound to a path of the criteria draft, each showing the zod or worker messages
 * for that path right under it (`aria-invalid`, `aria-describedby`).
 * @module
 */
import type { ComponentChildren } from 'preact'
import { errorsAt } from '../../admin/validation'
import { fieldId, useEditor, type Path } from './editor-context'

type Base = { label: string; path: Path; deep?: boolean; hint?: string }

const FieldErrorText = ({ id, messages }: { id: string; messages: string[] }) =>
  messages.length === 0 ? null : (
    <span class="field-error" id={id} role="alert">
      {messages.join(' · ')}
    </span>
  )

const Wrap = ({
  id,
  label,
  messages,
  hint,
  children,
}: {
  id: string
  label: string
  messages: string[]
  hint?: string
  children: ComponentChildren
}) => (
  <div class={messages.length ? 'field invalid' : 'field'}>
    <label for={id}>{label}</label>
    {children}
    {hint ? <span class="field-hint">{hint}</span> : null}
    <FieldErrorText id={`${id}-error`} messages={messages} />
  </div>
)

const useField = (path: Path, deep = false) => {
  const { errors, update } = useEditor()
  const id = fieldId(path)
  const messages = errorsAt(errors, path.join('.'), deep)
  const aria = {
    id,
    'aria-invalid': messages.length > 0 ? true : undefined,
    'aria-describedby': messages.length ? `${id}-error` : undefined,
  }
  return { id, messages, aria, set: (value: unknown) => update(path, value) }
}

/** A text input. */
export const TextField = ({
  label,
  path,
  value,
  deep,
  hint,
  list,
  optional = false,
  type = 'text',
  placeholder,
}: Base & {
  value: string | undefined | null
  list?: string
  /** Empty becomes undefined (an optional field) instead of ''. */
  optional?: boolean
  type?: 'text' | 'email' | 'url' | 'time' | 'date' | 'password'
  placeholder?: string
}) => {
  const f = useField(path, deep)
  return (
    <Wrap id={f.id} label={label} messages={f.messages} hint={hint}>
      <input
        type={type}
        placeholder={placeholder}
        {...f.aria}
        list={list}
        value={value ?? ''}
        onInput={(e) => f.set(optional && e.currentTarget.value.trim() === '' ? undefined : e.currentTarget.value)}
      />
    </Wrap>
  )
}

/**
 * A number input: empty becomes `empty` (NaN for required numbers, so zod reports it; undefined or null
 * for optional ones).
 */
export const NumberField = ({
  label,
  path,
  value,
  empty = Number.NaN,
  hint,
}: Base & { value: number | null | undefined; empty?: number | null | undefined }) => {
  const f = useField(path)
  const shown = value === null || value === undefined || Number.isNaN(value) ? '' : String(value)
  return (
    <Wrap id={f.id} label={label} messages={f.messages} hint={hint}>
      <input
        type="number"
        inputMode="decimal"
        step="any"
        {...f.aria}
        value={shown}
        onInput={(e) => {
          const raw = e.currentTarget.value.trim()
          f.set(raw === '' ? empty : Number(raw))
        }}
      />
    </Wrap>
  )
}

/** A select over fixed options. */
export const SelectField = ({
  label,
  path,
  value,
  options,
  onSelect,
}: Base & {
  value: string
  options: ReadonlyArray<readonly [value: string, text: string]>
  onSelect?: (value: string) => void
}) => {
  const f = useField(path)
  return (
    <Wrap id={f.id} label={label} messages={f.messages}>
      <select
        {...f.aria}
        value={value}
        onChange={(e) => (onSelect ? onSelect(e.currentTarget.value) : f.set(e.currentTarget.value))}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Wrap>
  )
}

/**
 * A comma-separated list (words, values). `numeric` turns number-looking items into numbers.
 * Messages about any item (`…words.3`) show here.
 */
export const ListField = ({
  label,
  path,
  value,
  numeric = false,
  hint = 'Separate with commas',
}: Base & { value: ReadonlyArray<string | number> | undefined; numeric?: boolean }) => {
  const f = useField(path, true)
  return (
    <Wrap id={f.id} label={label} messages={f.messages} hint={hint}>
      <input
        type="text"
        {...f.aria}
        value={(value ?? []).join(', ')}
        onChange={(e) => {
          const items = e.currentTarget.value
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '')
          f.set(numeric ? items.map((s) => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s)) : items)
        }}
      />
    </Wrap>
  )
}

/** A checkbox; its label sits beside it. */
export const CheckboxField = ({ label, path, value, hint }: Base & { value: boolean | undefined }) => {
  const f = useField(path)
  return (
    <div class={f.messages.length ? 'field check invalid' : 'field check'}>
      <label for={f.id}>
        <input type="checkbox" {...f.aria} checked={!!value} onChange={(e) => f.set(e.currentTarget.checked)} /> {label}
      </label>
      {hint ? <span class="field-hint">{hint}</span> : null}
      <FieldErrorText id={`${f.id}-error`} messages={f.messages} />
    </div>
  )
}
