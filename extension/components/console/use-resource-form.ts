/**
 * The state of one console form: a draft checked by a shared zod schema on every change, the worker's 422
 * issues by path, and which fields were edited. A field shows its zod messages once it was edited or a save
 * was tried (a blank form is not a wall of "Required"); the worker's messages show at once. The form's
 * fields are the criteria editor's, fed through the same `EditorContext`.
 * @module
 */
import { useCallback, useMemo, useState } from 'preact/hooks'
import type { z } from 'zod'
import { setIn } from '../../admin/paths'
import { clearErrorsAt, issuesToErrors, mergeErrors, type FieldErrors } from '../../admin/validation'
import type { AdminFailure } from '../../messaging-admin'
import type { EditorContextValue, Path } from '../admin/editor-context'
import { focusField } from '../admin/error-summary'

const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`)

type Issue = z.core.$ZodIssue

/** zod's wording for an empty or missing required value ("Too small: expected string to have >=1 characters") in plain words. */
const plain = (issue: Issue): Issue =>
  (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) ||
  (issue.code === 'invalid_type' && /received undefined$/.test(issue.message))
    ? { ...issue, message: 'Required' }
    : issue

export type ResourceForm<D> = {
  draft: D
  /** Messages to show, by dotted path. */
  errors: FieldErrors
  /** For `<EditorContext.Provider value={form.context}>`. */
  context: EditorContextValue
  /** Whether a save was tried (the summary shows then). */
  submitted: boolean
  update: (path: Path, value: unknown) => void
  /** Marks the form submitted; the parsed body when it passes the schema, else null (and the first problem focused). */
  submit: () => unknown | null
  /** Puts a failed save's issues on the fields; true when it was a 422 with paths. */
  serverFailed: (error: AdminFailure) => boolean
}

/**
 * @example
 * const form = useResourceForm(RepInput, { name: '', email: '' })
 * const body = form.submit(); if (body) await client.create('reps', body)
 */
export const useResourceForm = <D>(schema: z.ZodType, initial: D): ResourceForm<D> => {
  const [draft, setDraft] = useState<D>(initial)
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})
  const [touched, setTouched] = useState<string[]>([])
  const [submitted, setSubmitted] = useState(false)
  const check = useMemo(() => schema.safeParse(draft), [schema, draft])
  const own = useMemo(() => (check.success ? {} : issuesToErrors(check.error.issues.map(plain))), [check])
  const errors = useMemo(() => {
    const shown = submitted
      ? own
      : Object.fromEntries(Object.entries(own).filter(([k]) => touched.some((t) => related(k, t))))
    return mergeErrors(shown, serverErrors)
  }, [own, serverErrors, touched, submitted])

  const update = useCallback((path: Path, value: unknown) => {
    const key = path.join('.')
    setDraft((d) => setIn(d, path, value))
    setServerErrors((e) => clearErrorsAt(e, key))
    setTouched((t) => (t.includes(key) ? t : [...t, key]))
  }, [])

  const context = useMemo(() => ({ errors, update, compact: false }), [errors, update])

  const submit = () => {
    setSubmitted(true)
    if (check.success) return check.data
    const first = Object.keys(own)[0]
    if (first !== undefined) focusField(first)
    return null
  }

  const serverFailed = (error: AdminFailure) => {
    if (error.status !== 422 || error.issues.length === 0) return false
    setServerErrors(issuesToErrors(error.issues))
    const first = error.issues[0]?.path
    if (first) focusField(first)
    return true
  }

  return { draft, errors, context, submitted, update, submit, serverFailed }
}
