/**
 * Validation at the edge with the shared zod schemas. Failures throw, `onError` shapes them:
 * 415 for a body that is not JSON, 400 for malformed JSON, 422 with issue paths for the rest.
 * @module
 */
import type { ValidationTargets } from 'hono'
import { validator } from 'hono/validator'
import { resolver, uniqueSymbol } from 'hono-openapi'
import type { z } from 'zod'
import { ApiError, validationError } from '../errors'

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i

/**
 * Validates one part of the request; handlers read the result with `c.req.valid(target)`.
 * @example
 * new Hono().post('/', validate('json', LeadInput), (c) => c.json(c.req.valid('json')))
 */
export const validate = <Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) =>
  Object.assign(
    validator(target, async (value, c) => {
      if (target === 'json') {
        const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim()
        if (!JSON_TYPE.test(mediaType)) {
          throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json')
        }
      }
      const result = await schema.safeParseAsync(value)
      if (!result.success) throw validationError(result.error)
      return result.data as z.output<Schema>
    }),
    // The same mark `hono-openapi`'s own validator sets: the document's request schemas are these.
    { [uniqueSymbol]: { target, ...resolver(schema) } },
  )
