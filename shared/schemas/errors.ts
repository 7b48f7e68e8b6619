import { z } from 'zod'

/** Machine-readable error codes of the contract. */
export const ErrorCode = z.enum([
  'malformed_json',
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'validation_failed',
  'rate_limited',
  'internal_error',
])
export type ErrorCode = z.infer<typeof ErrorCode>

export const ErrorIssue = z.object({ path: z.string(), message: z.string() })
export type ErrorIssue = z.infer<typeof ErrorIssue>

/** Whose a colleague's lead is: the owner's name and when its clock was met. */
export const LeadOwner = z.object({ name: z.string(), metAt: z.string().nullable() })
export type LeadOwner = z.infer<typeof LeadOwner>

/** The error envelope every non-2xx answer carries. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(ErrorIssue).optional(),
    /** On `403` for a colleague's lead: whose it is, and when its clock was met (never contact data). */
    owner: LeadOwner.optional(),
  }),
})
export type ErrorBody = z.infer<typeof ErrorBody>

/**
 * Turns zod issues into the contract's `{ path, message }` list (paths dotted: `company.employees`).
 * @example toIssues(result.error.issues, ['events', 3]) // [{ path: 'events.3.type', message: '…' }]
 */
export const toIssues = (
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  prefix: ReadonlyArray<PropertyKey> = [],
): ErrorIssue[] => issues.map((i) => ({ path: [...prefix, ...i.path].map(String).join('.'), message: i.message }))
