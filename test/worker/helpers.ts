/**
 * Test helpers: requests through the real worker (`exports.default.fetch`) and token issuing.
 * @module
 */
import { exports } from 'cloudflare:workers'

export const ADMIN = 'test-admin-token-0123456789abcdef0123'
const BASE = 'http://handoff.test'

/**
 * Calls the worker like a client would.
 * @example const res = await api('/v1/leads', { method: 'POST', token: ADMIN, json: { email: 'a@b.co' } })
 */
export const api = (
  path: string,
  init: {
    method?: string
    token?: string | null
    json?: unknown
    body?: BodyInit
    headers?: Record<string, string>
  } = {},
) => {
  const headers: Record<string, string> = { ...init.headers }
  if (init.token !== null) headers.Authorization = `Bearer ${init.token ?? ADMIN}`
  let body = init.body
  if (init.json !== undefined) {
    body = JSON.stringify(init.json)
    headers['Content-Type'] ??= 'application/json'
  }
  return exports.default.fetch(
    new Request(`${BASE}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body }),
  )
}

/** Issues a token of a role through the admin API. */
export const issueToken = async (role: 'admin' | 'manager' | 'rep' | 'intake', repId?: string) => {
  const res = await api('/v1/admin/tokens', { json: { role, repId, name: `${role} ${repId ?? ''}`.trim() } })
  if (res.status !== 201) throw new Error(`token: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { token: string }).token
}
