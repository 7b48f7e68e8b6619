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

/** A criteria job's progress (`GET /v1/admin/criteria/jobs/:id`). */
export type CriteriaJobView = {
  id: string
  status: string
  total: number
  done: number
  changed: number
  handedOff: number
  error?: string | null
}

/**
 * Waits until the queue consumer has run a criteria job to the end (miniflare delivers the queue's messages
 * to this worker's `queue` handler); answers its final progress.
 * @example const job = await drainCriteriaJob(saved.job.id)
 */
export const drainCriteriaJob = async (id: string, timeoutMs = 60_000): Promise<CriteriaJobView> => {
  const until = Date.now() + timeoutMs
  for (;;) {
    const res = await api(`/v1/admin/criteria/jobs/${id}`)
    if (res.status !== 200) throw new Error(`criteria job ${id}: ${res.status}`)
    const job = (await res.json()) as CriteriaJobView
    if (job.status === 'done' || job.status === 'failed') return job
    if (Date.now() > until) throw new Error(`criteria job ${id} still ${job.status} (${job.done}/${job.total})`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
