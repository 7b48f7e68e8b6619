/**
 * One error type for the API and one handler that shapes every failure into the contract's envelope.
 * @module
 */
import type { ErrorHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ZodError } from 'zod'
import { type ErrorCode, type ErrorIssue, toIssues } from '../shared/schemas/errors'
import { DomainError, type DomainErrorKind } from './domain/errors'

/**
 * A failure the client caused (or may retry). Thrown anywhere; `onError` renders it.
 * @example throw new ApiError(404, 'not_found', 'No lead with this id')
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message)
  }
}

/** 422 with the zod issues' paths. */
export const validationError = (error: ZodError, prefix: ReadonlyArray<PropertyKey> = []) =>
  new ApiError(422, 'validation_failed', 'The request did not pass validation', toIssues(error.issues, prefix))

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
}

/** The one place a domain error becomes HTTP. */
const DOMAIN_STATUS: Record<DomainErrorKind, { status: ContentfulStatusCode; code: ErrorCode }> = {
  invalid: { status: 422, code: 'validation_failed' },
  not_found: { status: 404, code: 'not_found' },
  forbidden: { status: 403, code: 'forbidden' },
  conflict: { status: 409, code: 'conflict' },
  unverified: { status: 401, code: 'unauthorized' },
  malformed: { status: 400, code: 'bad_request' },
}

export const onError: ErrorHandler = (err, c) => {
  if (err instanceof DomainError) {
    const { status, code } = DOMAIN_STATUS[err.kind]
    return c.json(
      { error: { code, message: err.message, ...(err.issues ? { issues: err.issues } : {}), ...err.extra } },
      status,
    )
  }
  if (err instanceof ApiError) {
    return c.json(
      { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } },
      err.status,
      err.headers,
    )
  }
  if (err instanceof ZodError) {
    const e = validationError(err)
    return c.json({ error: { code: e.code, message: e.message, issues: e.issues } }, 422)
  }
  if (err instanceof HTTPException) {
    if (err.status === 400 && /malformed json/i.test(err.message)) {
      return c.json({ error: { code: 'malformed_json', message: 'The body is not valid JSON' } }, 400)
    }
    const status = err.status as ContentfulStatusCode
    return c.json({ error: { code: CODE_BY_STATUS[status] ?? 'bad_request', message: err.message } }, status)
  }
  console.error('unhandled error', err)
  return c.json({ error: { code: 'internal_error', message: 'Internal error' } }, 500)
}
