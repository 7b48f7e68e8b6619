/**
 * How the background's admin handlers answer: every outcome is an `AdminResult`, failures as data (status,
 * code, issues) so a page can put a worker 422 next to the right fields.
 * @module
 */
import { z } from 'zod'
import { toIssues } from '../../shared/schemas/errors'
import type { AdminFailure, AdminResult } from '../messaging-admin'
import { ApiFailure } from './api-client'

/**
 * The worker may wrap an answer (`{ criteria: … }`) or send it bare; both are read.
 * @example api.request('/v1/admin/reps', { schema: unwrap(z.array(RepAnswer), 'reps') })
 */
export const unwrap = <S extends z.ZodType>(schema: S, ...keys: Array<string | undefined>) =>
  z.unknown().transform((body, ctx): z.infer<S> => {
    for (const key of keys) {
      if (key && body && typeof body === 'object' && key in body) {
        const inner = schema.safeParse((body as Record<string, unknown>)[key])
        if (inner.success) return inner.data
      }
    }
    const bare = schema.safeParse(body)
    if (bare.success) return bare.data
    ctx.addIssue({ code: 'custom', message: 'Unexpected answer' })
    return z.NEVER
  })

/**
 * Any thrown error as a failed `AdminResult` (an `ApiFailure` keeps its status, code and issues).
 * @example catch (err) { return failure(err) }
 */
export const failure = (err: unknown): AdminResult<never> => {
  if (err instanceof ApiFailure)
    return { ok: false, error: { status: err.status, code: err.code, message: err.message, issues: err.issues } }
  const e = err as Partial<AdminFailure> | null
  if (e && typeof e.status === 'number' && typeof e.code === 'string') {
    return {
      ok: false,
      error: { status: e.status, code: e.code, message: e.message ?? e.code, issues: e.issues ?? [] },
    }
  }
  return {
    ok: false,
    error: { status: 0, code: 'error', message: err instanceof Error ? err.message : String(err), issues: [] },
  }
}

/**
 * A 422 made here, before anything is sent, shaped like the worker's.
 * @example if (!parsed.success) return invalid(parsed.error.issues)
 */
export const invalid = (
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  message = 'The criteria are not valid',
): AdminResult<never> => ({
  ok: false,
  error: { status: 422, code: 'validation_failed', message, issues: toIssues(issues) },
})

/**
 * Runs a call and answers with its result or its failure.
 * @example return attempt(() => api.request('/v1/admin/criteria', { schema }))
 */
export const attempt = async <T>(call: () => Promise<T>): Promise<AdminResult<T>> => {
  try {
    return { ok: true, data: await call() }
  } catch (err) {
    return failure(err)
  }
}
