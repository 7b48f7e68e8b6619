/**
 * Records every successful change made through the admin and manager routes (who, when, what) in the audit log.
 * One middleware in front of the mutating routes, so no route can forget it; a route may add a few facts with
 * `c.set('audit', { … })` (a reason, a version), never a secret.
 * @module
 */
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env'
import { insertAudit } from '../db/queries/audit'

/** Path segment (after `/v1/admin/`) → the resource named in actions. */
const RESOURCE: Record<string, string> = {
  criteria: 'criteria',
  reps: 'rep',
  calendars: 'calendar',
  pools: 'pool',
  'routing-rules': 'routing_rule',
  accounts: 'account',
  'sla-policies': 'sla_policy',
  channels: 'channel',
  settings: 'settings',
  tokens: 'token',
  sources: 'source',
  import: 'import',
  demo: 'demo',
  alerts: 'alert',
}

/** Requests that change nothing although they are POSTs (dry runs). */
const READ_ONLY = /\/(preview|impact)$/

const VERB: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' }

/** A sub-action in the path's last segment (`…/restore`, `…/rotate`, `…/retry`, `…/reassign`, `…/test`). */
const SUB_ACTIONS = new Set(['restore', 'rotate', 'retry', 'reassign', 'test', 'seed'])

type Described = { action: string; targetType: string; targetId: string | null }

/**
 * The action a request path names, or null when the path is not audited.
 * @example describeChange('DELETE', '/v1/admin/tokens/tok_1') // { action: 'token.revoke', targetType: 'token', targetId: 'tok_1' }
 */
const describeChange = (method: string, path: string): Described | null => {
  const parts = path.split('/').filter(Boolean)
  if (parts[0] !== 'v1') return null
  if (parts[1] === 'leads' && parts[3] === 'reassign')
    return { action: 'lead.reassign', targetType: 'lead', targetId: parts[2] ?? null }
  if (parts[1] === 'reports' && parts[2] === 'mql-target')
    return { action: 'mql_target.update', targetType: 'mql_target', targetId: null }
  if (parts[1] !== 'admin') return null
  const type = RESOURCE[parts[2] ?? '']
  if (!type) return null
  const rest = parts.slice(3)
  const last = rest[rest.length - 1]
  let verb = VERB[method] ?? method.toLowerCase()
  if (last && SUB_ACTIONS.has(last)) {
    verb = last
    rest.pop()
  }
  if (type === 'token' && method === 'DELETE') verb = 'revoke'
  // `/criteria/versions/3/restore` targets version 3; `/reps/rep_1` targets rep_1.
  const targetId = rest.length ? decodeURIComponent(rest[rest.length - 1]!) : null
  return { action: `${type}.${verb}`, targetType: type, targetId }
}

/** The id of what a create made, from its answer (`{ id }` or `{ rep: { id } }`): never anything else of it. */
const createdId = async (res: Response): Promise<string | null> => {
  if (!(res.headers.get('Content-Type') ?? '').includes('json')) return null
  try {
    const body = (await res.clone().json()) as Record<string, unknown>
    if (typeof body.id === 'string') return body.id
    for (const v of Object.values(body)) {
      if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string') return (v as { id: string }).id
    }
  } catch {
    // Not JSON after all: no id.
  }
  return null
}

/**
 * Audits the mutating requests under it that succeed (status below 400); reads and dry runs are skipped.
 * @example app.use('/v1/admin/*', audit)
 */
export const audit = createMiddleware<AppEnv>(async (c, next) => {
  await next()
  const method = c.req.method
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || c.res.status >= 400) return
  const path = c.req.path
  if (READ_ONLY.test(path)) return
  const what = describeChange(method, path)
  const principal = c.get('principal')
  if (!what || !principal) return
  const extra = c.get('audit')
  const targetId = extra?.targetId ?? what.targetId ?? (method === 'POST' ? await createdId(c.res) : null)
  await insertAudit(c.var.db, {
    at: Date.now(),
    action: what.action,
    actorName: principal.name,
    actorRole: principal.role,
    tokenId: principal.tokenId,
    repId: principal.repId,
    targetType: what.targetType,
    targetId,
    request: `${method} ${path}`,
    detail: extra?.detail ?? {},
  })
})
