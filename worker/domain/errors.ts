/**
 * Domain errors: what went wrong in the terms of the business, not of HTTP. `worker/errors.ts` maps each
 * kind onto a status and the contract's error code in one place, so domain code never names a status.
 * @module
 */
import type { ErrorIssue } from '../../shared/schemas/errors'

/** The kinds of failure a domain function can report; each maps to one HTTP status in `worker/errors.ts`. */
export type DomainErrorKind =
  | 'invalid'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  /** A request whose signature or credentials do not verify (a webhook from someone else). */
  | 'unverified'
  /** A body that cannot be read at all (not JSON, not XML). */
  | 'malformed'

/**
 * A failure the caller caused: bad input (with field paths), a missing or foreign record, or a conflict.
 * @example throw new DomainError('conflict', 'Reps still use this calendar')
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly issues?: ErrorIssue[],
    /** More machine-readable facts for the error envelope (e.g. `owner` on a colleague's lead). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message)
  }
}

/**
 * Invalid input, with the paths of the offending fields.
 * @example throw invalidInput([{ path: 'reason', message: 'Use one of: …' }])
 */
export const invalidInput = (issues: ErrorIssue[], message = 'The request did not pass validation') =>
  new DomainError('invalid', message, issues)

/**
 * No record of this kind with the given key.
 * @example throw notFound('rep')
 */
export const notFound = (what: string, key = 'id') => new DomainError('not_found', `No ${what} with this ${key}`)

/** A request that clashes with the current state (a duplicate, or a record still in use). */
export const conflict = (message: string) => new DomainError('conflict', message)

/**
 * A webhook that fails verification: nothing is read or stored.
 * @example throw unverified('The HubSpot signature does not match')
 */
export const unverified = (message: string) => new DomainError('unverified', message)

/** A body that cannot be read (bad JSON or XML). */
export const malformed = (message: string) => new DomainError('malformed', message)
