/**
 * The one client of the Handoff API: adds the bearer token, parses errors into `ApiFailure` and
 * successful bodies with the caller's zod schema. Used by the background only (the token never leaves
 * it) and reused by the admin popup's handlers.
 * @module
 */
import type { z } from 'zod'
import { ErrorBody, type ErrorIssue, type LeadOwner } from '../../shared/schemas/errors'
import type { Settings } from '../storage'

/** A failed call: HTTP status (0 = unreachable or unparseable answer), contract code, message, issues. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ErrorIssue[] = [],
    /** A colleague's lead (403): whose it is. */
    readonly owner?: LeadOwner,
  ) {
    super(message)
    this.name = 'ApiFailure'
  }
}

export type RequestOptions<S extends z.ZodType> = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  json?: unknown
  schema: S
  signal?: AbortSignal
}

export type ApiClient = {
  request<S extends z.ZodType>(path: string, options: RequestOptions<S>): Promise<z.infer<S>>
}

export type ApiClientDeps = { fetch: typeof fetch; getSettings: () => Promise<Settings> }

const TIMEOUT_MS = 15_000

/** The server's origin (`https://handoff.example.com`), or null when the URL is not http(s). */
export const serverOrigin = (serverUrl: string): string | null => {
  try {
    const url = new URL(serverUrl.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null
  } catch {
    return null
  }
}

/**
 * @example
 * const api = createApiClient({ fetch: (...a) => fetch(...a), getSettings: () => settings.getValue() })
 * const me = await api.request('/v1/me', { schema: Me })
 */
export const createApiClient = ({ fetch, getSettings }: ApiClientDeps): ApiClient => ({
  async request(path, { method = 'GET', json, schema, signal }) {
    const { serverUrl, token } = await getSettings()
    const base = serverOrigin(serverUrl)
    if (!base || !token)
      throw new ApiFailure(
        0,
        'unconfigured',
        'Handoff is not set up: enter the server URL and your token in its options (your admin issues the token).',
      )
    const prefix = new URL(serverUrl.trim()).pathname.replace(/\/+$/, '')
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' }
    if (json !== undefined) headers['content-type'] = 'application/json'
    let res: Response
    try {
      res = await fetch(`${base}${prefix}${path}`, {
        method,
        headers,
        body: json === undefined ? undefined : JSON.stringify(json),
        signal: signal ?? AbortSignal.timeout(TIMEOUT_MS),
        credentials: 'omit',
      })
    } catch (err) {
      throw new ApiFailure(0, 'network_error', `Cannot reach the server (${(err as Error).message}).`)
    }
    const body: unknown = await res.json().catch(() => undefined)
    if (!res.ok) {
      const parsed = ErrorBody.safeParse(body)
      if (parsed.success) {
        const { code, message, issues, owner } = parsed.data.error
        throw new ApiFailure(res.status, code, message, issues, owner)
      }
      throw new ApiFailure(res.status, 'http_error', `The server answered ${res.status}.`)
    }
    const result = schema.safeParse(body)
    if (!result.success)
      throw new ApiFailure(0, 'bad_response', 'The server sent an answer this extension does not understand.')
    return result.data
  },
})
