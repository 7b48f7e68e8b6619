/**
 * Validation of the criteria draft with the same zod schema the worker uses, as a map from dotted field
 * path to messages, so each field shows its own problems before anything is sent. The worker's 422
 * `issues` land in the same map.
 * @module
 */
import { CriteriaDocument } from '../../shared/schemas/criteria'
import { pathKey } from './paths'

/** Messages by dotted path (`fit.0.points` → ['Too big: expected number to be <=1000']). */
export type FieldErrors = Record<string, string[]>

export type DraftCheck =
  { ok: true; document: CriteriaDocument; errors: FieldErrors } | { ok: false; errors: FieldErrors }

/**
 * Groups `{ path, message }` issues (zod's or the worker's) by dotted path.
 * @example issuesToErrors([{ path: 'fit.0.points', message: 'Too big' }]) // { 'fit.0.points': ['Too big'] }
 */
export const issuesToErrors = (
  issues: ReadonlyArray<{ path: string | ReadonlyArray<PropertyKey>; message: string }>,
): FieldErrors => {
  const errors: FieldErrors = {}
  for (const issue of issues) {
    const key = typeof issue.path === 'string' ? issue.path : pathKey(issue.path)
    ;(errors[key] ??= []).push(issue.message)
  }
  return errors
}

/**
 * Checks a draft with the shared `CriteriaDocument` schema.
 * @example const check = validateDraft(draft); if (!check.ok) show(check.errors)
 */
export const validateDraft = (draft: unknown): DraftCheck => {
  const result = CriteriaDocument.safeParse(draft)
  if (result.success) return { ok: true, document: result.data, errors: {} }
  return { ok: false, errors: issuesToErrors(result.error.issues) }
}

/**
 * The messages a field shows: those at its own path and, with `deep`, those below it
 * (`fit.0.when.words.3` is shown by the words field `fit.0.when.words`).
 * @example errorsAt(errors, 'fit.0.when.words', true)
 */
export const errorsAt = (errors: FieldErrors, key: string, deep = false): string[] => {
  const own = errors[key] ?? []
  if (!deep) return own
  const prefix = `${key}.`
  const below = Object.entries(errors)
    .filter(([k]) => k.startsWith(prefix))
    .flatMap(([, messages]) => messages)
  return [...own, ...below]
}

/** The total number of messages (for the summary above the editor). */
export const errorCount = (errors: FieldErrors): number => Object.values(errors).reduce((n, m) => n + m.length, 0)

/**
 * Both maps' messages, path by path (the zod check's and the worker's).
 * @example mergeErrors(check.errors, serverErrors)
 */
export const mergeErrors = (a: FieldErrors, b: FieldErrors): FieldErrors => {
  const out: FieldErrors = { ...a }
  for (const [k, v] of Object.entries(b)) out[k] = [...(out[k] ?? []), ...v]
  return out
}

/**
 * Drops messages at, below and above an edited path (server messages described the old value).
 * @example clearErrorsAt({ 'fit.0.points': ['Too big'] }, 'fit.0') // {}
 */
export const clearErrorsAt = (errors: FieldErrors, key: string): FieldErrors =>
  Object.fromEntries(
    Object.entries(errors).filter(([k]) => k !== key && !k.startsWith(`${key}.`) && !key.startsWith(`${k}.`)),
  )
