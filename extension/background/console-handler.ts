/**
 * The background side of the admin console: one `adminRequest` message for every console resource. The
 * request is checked against the resource table (`admin/console-resources.ts`): a known resource and action,
 * a plain id (URL-encoded anyway), and a body that passes the resource's shared zod schema, so a page can
 * reach only the worker's own admin paths with bodies the worker would accept. Answers are parsed with the
 * resource's answer schemas before a page sees them.
 * @module
 */
import { z } from 'zod'
import { ConsoleRequest, RESOURCES } from '../admin/console-resources'
import type { AdminResult } from '../messaging-admin'
import { attempt, invalid, unwrap } from './admin-results'
import type { ApiClient } from './api-client'

type Def = {
  path: string
  listKey: string
  oneKey?: string
  item: z.ZodType
  input: z.ZodType
  created?: z.ZodType
  update: boolean
  extra?: Partial<Record<string, { input: z.ZodType; answer: z.ZodType; answerKey?: string }>>
}

/** `204 No Content` (or a body nobody reads): the call's success is the answer. */
const Done = z.unknown().transform(() => null)

const refuse = (message: string, path = 'action'): AdminResult<never> => invalid([{ path: [path], message }], message)

/**
 * @example const handle = createConsoleHandler(api); await handle({ resource: 'reps', action: 'list' })
 */
export const createConsoleHandler =
  (api: ApiClient) =>
  async (input: unknown): Promise<AdminResult<unknown>> => {
    const req = ConsoleRequest.safeParse(input)
    if (!req.success) return invalid(req.error.issues, 'The console request is not valid')
    const { resource, action, id, body } = req.data
    const def: Def = RESOURCES[resource]
    const one = id === undefined ? null : `${def.path}/${encodeURIComponent(id)}`
    const checked = (schema: z.ZodType) => {
      const parsed = schema.safeParse(body)
      return parsed.success
        ? { ok: true as const, data: parsed.data }
        : { ok: false as const, issues: parsed.error.issues }
    }
    switch (action) {
      case 'list':
        return attempt(() => api.request(def.path, { schema: unwrap(z.array(def.item), def.listKey) }))
      case 'create': {
        const parsed = checked(def.input)
        if (!parsed.ok) return invalid(parsed.issues, 'Some fields are not valid')
        return attempt(() =>
          api.request(def.path, {
            method: 'POST',
            json: parsed.data,
            schema: unwrap(def.created ?? def.item, def.oneKey),
          }),
        )
      }
      case 'update': {
        if (!def.update) return refuse(`${resource} cannot be edited`)
        if (!one) return refuse('An id is required', 'id')
        const parsed = checked(def.input)
        if (!parsed.ok) return invalid(parsed.issues, 'Some fields are not valid')
        return attempt(() =>
          api.request(one, { method: 'PUT', json: parsed.data, schema: unwrap(def.item, def.oneKey) }),
        )
      }
      case 'remove':
        if (!one) return refuse('An id is required', 'id')
        return attempt(() => api.request(one, { method: 'DELETE', schema: Done }))
      default: {
        const extra = def.extra?.[action]
        if (!extra) return refuse(`${resource} has no ${action}`)
        if (!one) return refuse('An id is required', 'id')
        const parsed = checked(extra.input)
        if (!parsed.ok) return invalid(parsed.issues, 'Some fields are not valid')
        return attempt(() =>
          api.request(`${one}/${action}`, {
            method: 'POST',
            json: parsed.data,
            schema: unwrap(extra.answer, extra.answerKey),
          }),
        )
      }
    }
  }
