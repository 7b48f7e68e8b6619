/**
 * The background side of the managers' page: one `managerRequest` message. The request must name a route
 * of `MANAGER_ROUTES` (query checked with its shared zod schema) or be a reassignment whose body passes
 * `ReassignInput`; the token's role must be manager or admin (the worker checks again). Answers are parsed
 * with the route's answer schema before the page sees them.
 * @module
 */
import { Me } from '../../shared/schemas/auth'
import { ReassignInput, ReassignResult } from '../../shared/schemas/manager'
import { MANAGER_ROUTES, ManagerRequest } from '../manager/manager-requests'
import type { AdminResult } from '../messaging-admin'
import { attempt, invalid, unwrap } from './admin-results'
import type { ApiClient } from './api-client'

const MeAnswer = unwrap(Me, 'me')

const forbidden: AdminResult<never> = {
  ok: false,
  error: { status: 403, code: 'forbidden', message: 'Only managers and admins can open the team board', issues: [] },
}

const queryString = (query: Record<string, unknown>): string => {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue
    params.set(key, String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

/**
 * @example const handle = createManagerHandler(api); await handle({ kind: 'get', name: 'board' })
 */
export const createManagerHandler =
  (api: ApiClient) =>
  async (input: unknown): Promise<AdminResult<unknown>> => {
    const req = ManagerRequest.safeParse(input)
    if (!req.success) return invalid(req.error.issues, 'The request is not one the team board makes')
    const me = await attempt(() => api.request('/v1/me', { schema: MeAnswer }))
    if (!me.ok) return me
    if (me.data.role !== 'manager' && me.data.role !== 'admin') return forbidden
    const r = req.data
    if (r.kind === 'reassign') {
      const body = ReassignInput.safeParse(r.body)
      if (!body.success) return invalid(body.error.issues, 'Some fields are not valid')
      return attempt(() =>
        api.request(`/v1/leads/${encodeURIComponent(r.leadId)}/reassign`, {
          method: 'POST',
          json: body.data,
          schema: unwrap(ReassignResult),
        }),
      )
    }
    const route = MANAGER_ROUTES[r.name]
    let query = ''
    if ('query' in route) {
      const parsed = route.query.safeParse(r.query ?? {})
      if (!parsed.success) return invalid(parsed.error.issues, 'Some fields are not valid')
      query = queryString(parsed.data as Record<string, unknown>)
    } else if (r.query && Object.keys(r.query).length > 0) {
      return invalid([{ path: ['query'], message: `${r.name} takes no query` }], `${r.name} takes no query`)
    }
    return attempt(() => api.request(`${route.path}${query}`, { schema: unwrap(route.answer) }))
  }
