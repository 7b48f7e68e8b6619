/**
 * The authorization matrix (issue 11), generated from the app's own route list: every mounted route × every
 * kind of caller. A route added later without an entry in `POLICY` fails "every route is classified".
 *
 * The policy comes from ../shared/CONTRACT.md (intake: `intake`/`admin`; leads: a rep only on leads assigned
 * to them, `manager` and `admin` on all; the rep's `/v1/me`; admin configuration under `/v1/admin`), and for
 * routes the contract leaves to the project (manager console, reports, reassignment) from the route files'
 * `requireRole` calls. The bootstrap `ADMIN_TOKEN` is an admin.
 *
 * What is asserted is the auth layer only: 401 (`unauthorized`) for no token, a malformed, revoked or expired
 * token and a deactivated rep's token; 403 (`forbidden`) for a role the route does not admit; anything but
 * 401/403 for admitted callers (bodies are mostly empty, so handlers answer 404/409/415/422 as they see fit).
 */
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Brief } from '../../shared/schemas/lead'
import { app } from '../../worker/app'
import { api, ADMIN } from './helpers'
import { demoRequestEvents, hotLead, setupOrg } from './brief-fixtures'

type Role = 'intake' | 'rep' | 'manager' | 'admin'
/** `ownRep`: a rep only on a lead assigned to them (the route is lead-scoped); `rep`: any rep. */
type Grant = Exclude<Role, 'rep'> | 'rep' | 'ownRep'
type Policy = { roles: Grant[] } | { public: string; status: number }

const CALLERS = [
  'anonymous',
  'malformed',
  'revoked',
  'expired',
  'deactivated',
  'intake',
  'repOwn',
  'repOther',
  'manager',
  'admin',
  'bootstrap',
] as const
type Caller = (typeof CALLERS)[number]
const UNAUTHENTICATED: readonly Caller[] = ['anonymous', 'malformed', 'revoked', 'expired', 'deactivated']

const ADMIN_ONLY: Policy = { roles: ['admin'] }
const INTAKE: Policy = { roles: ['intake', 'admin'] }
const OWN_LEAD: Policy = { roles: ['ownRep', 'manager', 'admin'] }
const MANAGERS: Policy = { roles: ['manager', 'admin'] }

/**
 * Who may call each route, `METHOD path` as Hono lists it. Every admin path is listed one by one (not by
 * prefix), so a new admin route also needs its line here.
 */
const POLICY: Record<string, Policy> = {
  // Public: no lead data, no token needed.
  'GET /': { public: 'service banner (name and links), no data', status: 200 },
  'GET /health': { public: 'liveness probe, no data', status: 200 },
  'GET /v1/openapi.json': { public: 'the API description, no data', status: 200 },
  // The demo's LinkedIn-shaped pages: only with DEMO_MODE (npm start); off in tests and production.
  'GET /demo/linkedin/:slug': { public: 'demo profile page, off unless DEMO_MODE=true', status: 404 },
  // Local runs only (LOCAL_SCHEDULED=true); in tests and production it answers 404 to everyone.
  'GET /__scheduled': { public: 'dev cron trigger, off unless LOCAL_SCHEDULED=true', status: 404 },
  'POST /__scheduled': { public: 'dev cron trigger, off unless LOCAL_SCHEDULED=true', status: 404 },
  // The page alerts link to: reads nothing from the database and shows no lead data.
  'GET /open/leads/:id': { public: 'static "open in the extension" page, no lead data', status: 200 },
  // The website form authenticates by its unguessable source key (and is rate-limited per source and IP);
  // an empty body is a 422 whoever sends it.
  'POST /v1/intake/form/:sourceKey': { public: 'authenticated by the source key, not a token', status: 422 },
  // Signed webhooks authenticate by signature / Basic credentials / path secret: a bearer token, even the
  // bootstrap admin's, grants nothing, so an unsigned post is 401 for every caller.
  'POST /v1/webhooks/:sourceId': { public: 'authenticated by the sender signature', status: 401 },
  'POST /v1/webhooks/:sourceId/:secret': { public: 'authenticated by the path secret + org id', status: 401 },

  // Contract "Intake (role intake or admin)".
  'POST /v1/leads': INTAKE,
  'POST /v1/events': INTAKE,
  'POST /v1/intake/segment': INTAKE,

  // Contract "Leads (role rep: only leads assigned to them; manager, admin: all)".
  'GET /v1/leads/lookup': OWN_LEAD,
  'GET /v1/leads/:id': OWN_LEAD,
  'GET /v1/leads/:id/journey': OWN_LEAD,
  'POST /v1/leads/:id/touch': OWN_LEAD,
  'POST /v1/leads/:id/disposition': OWN_LEAD,
  // Left to the project by the contract; leads.ts: moving a lead is the manager's call, never the rep's.
  'POST /v1/leads/:id/reassign': MANAGERS,

  // Contract "The rep": who the token is, for every role; the queue belongs to a person (rep or manager).
  'GET /v1/me': { roles: ['intake', 'rep', 'manager', 'admin'] },
  'GET /v1/me/queue': { roles: ['rep', 'manager'] },

  // Left to the project (manager.ts, reports.ts): the team's data, never a rep's; the MQL target is admin's.
  'GET /v1/manager/board': MANAGERS,
  'GET /v1/manager/queue': MANAGERS,
  'GET /v1/manager/leads': MANAGERS,
  'GET /v1/manager/pools': MANAGERS,
  'GET /v1/reports/speed-to-lead': MANAGERS,
  'GET /v1/reports/speed-to-lead/trend': MANAGERS,
  'GET /v1/reports/sla-compliance': MANAGERS,
  'GET /v1/reports/reasons': MANAGERS,
  'GET /v1/reports/funnel': MANAGERS,
  'GET /v1/reports/mql-target': MANAGERS,
  'PUT /v1/reports/mql-target': ADMIN_ONLY,

  // Contract "Admin (role admin)": everything under /v1/admin.
  ...Object.fromEntries(
    [
      'GET /v1/admin/audit',
      'GET /v1/admin/criteria',
      'PUT /v1/admin/criteria',
      'GET /v1/admin/criteria/versions',
      'GET /v1/admin/criteria/versions/:version',
      'POST /v1/admin/criteria/versions/:version/restore',
      'POST /v1/admin/criteria/preview',
      'POST /v1/admin/criteria/impact',
      'GET /v1/admin/criteria/jobs/:id',
      'POST /v1/admin/import',
      'GET /v1/admin/sources',
      'POST /v1/admin/sources',
      'POST /v1/admin/sources/:key/rotate',
      'DELETE /v1/admin/sources/:key',
      'POST /v1/admin/tokens',
      'GET /v1/admin/tokens',
      'DELETE /v1/admin/tokens/:id',
      'POST /v1/admin/demo/seed',
      'GET /v1/admin/alerts',
      'POST /v1/admin/alerts/:id/retry',
      ...['reps', 'calendars', 'pools', 'routing-rules', 'sla-policies', 'channels'].flatMap((r) => [
        `GET /v1/admin/${r}`,
        `POST /v1/admin/${r}`,
        `GET /v1/admin/${r}/:id`,
        `PUT /v1/admin/${r}/:id`,
        `DELETE /v1/admin/${r}/:id`,
      ]),
      'POST /v1/admin/channels/:id/test',
      'GET /v1/admin/accounts',
      'POST /v1/admin/accounts',
      'DELETE /v1/admin/accounts/:domain',
      'GET /v1/admin/settings/crm-hosts',
      'PUT /v1/admin/settings/crm-hosts',
      'GET /v1/admin/settings/managers-channel',
      'PUT /v1/admin/settings/managers-channel',
      'GET /v1/admin/retention',
      'PUT /v1/admin/retention',
    ].map((k) => [k, ADMIN_ONLY]),
  ),
}

/** `app.use(path, mw)` entries: Hono lists them as `ALL` routes. A real `.all()` route would not be here. */
const MIDDLEWARE_MOUNTS = new Set(['/v1/leads/:id/reassign', '/v1/reports/mql-target'])
const isMiddleware = (r: { method: string; path: string }) =>
  r.method === 'ALL' && (r.path.endsWith('/*') || MIDDLEWARE_MOUNTS.has(r.path))

/** The app's routes, one per method and path (Hono lists each handler and route middleware separately). */
const ROUTES = [...new Set(app.routes.filter((r) => !isMiddleware(r)).map((r) => `${r.method} ${r.path}`))].sort()

// ---------------------------------------------------------------------------------------------------------
// Fixture: an organisation with two reps, a lead of each, a deactivated rep, and every kind of token.

type Fixture = {
  org: Awaited<ReturnType<typeof setupOrg>>
  leadA: Brief
  leadB: Brief
  formKey: string
  typeformId: string
  salesforceId: string
  tokens: Record<Exclude<Caller, 'anonymous'>, string>
}
let fx: Fixture

let ipSeq = 0
/**
 * Every request comes from its own client address, so the per-IP limits (failed authentication, the public
 * form) never turn a 401 into a 429 here; rate limits have their own tests.
 */
const call = (
  method: string,
  path: string,
  caller: Caller,
  init: { json?: unknown; body?: string; type?: string } = {},
) => {
  const n = ++ipSeq
  const headers: Record<string, string> = { 'CF-Connecting-IP': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` }
  if (init.type) headers['Content-Type'] = init.type
  return api(path, {
    method,
    token: caller === 'anonymous' ? null : fx.tokens[caller],
    json: init.json,
    body: init.body,
    headers,
  })
}

const issue = async (json: Record<string, unknown>) => {
  const res = await api('/v1/admin/tokens', { json: { name: 'authz', ...json } })
  if (res.status !== 201) throw new Error(`token: ${res.status} ${await res.text()}`)
  return (await res.json()) as { token: string; id: string }
}

const created = async <T>(res: Response, key: string): Promise<T> => {
  if (res.status !== 201) throw new Error(`${res.url}: ${res.status} ${await res.text()}`)
  return ((await res.json()) as Record<string, T>)[key]!
}

/** A hot lead through intake, then moved (by the bootstrap admin) to `repId` if routing chose the other rep. */
const leadOf = async (email: string, repId: string): Promise<Brief> => {
  await api('/v1/leads', { json: hotLead(email) })
  await api('/v1/events', { json: { events: demoRequestEvents(email, Date.now(), email) } })
  const read = async () =>
    ((await (await api(`/v1/leads/lookup?email=${encodeURIComponent(email)}`)).json()) as { lead: Brief }).lead
  const lead = await read()
  if (lead.assignee?.id !== repId) {
    const res = await api(`/v1/leads/${lead.id}/reassign`, { json: { repId, reason: 'authz fixture' } })
    if (res.status !== 200) throw new Error(`reassign: ${res.status} ${await res.text()}`)
  }
  const final = await read()
  if (final.assignee?.id !== repId) throw new Error(`lead ${email} is not assigned to ${repId}`)
  return final
}

beforeAll(async () => {
  const org = await setupOrg('authz')
  const leadA = await leadOf('authz.alpha@acme.test', org.repA.id)
  const leadB = await leadOf('authz.beta@acme.test', org.repB.id)

  const formKey = (
    await created<{ key: string }>(
      await api('/v1/admin/sources', { json: { name: 'Web form', source: 'website' } }),
      'source',
    )
  ).key
  const typeformId = (
    await created<{ id: string }>(
      await api('/v1/admin/sources', { json: { kind: 'typeform', name: 'Typeform' } }),
      'source',
    )
  ).id
  const salesforceId = (
    await created<{ id: string }>(
      await api('/v1/admin/sources', {
        json: { kind: 'salesforce', name: 'Salesforce', organizationId: '00D000000000001AAA' },
      }),
      'source',
    )
  ).id

  // A third rep who owns nothing, then is deactivated: their token must stop at once.
  const gone = await created<{ id: string }>(
    await api('/v1/admin/reps', { json: { name: 'authz Gone', email: 'authz.gone@seller.test' } }),
    'rep',
  )
  const deactivated = await issue({ role: 'rep', repId: gone.id })
  expect((await api(`/v1/admin/reps/${gone.id}`, { method: 'DELETE' })).status).toBeLessThan(300)

  const revoked = await issue({ role: 'admin' })
  expect((await api(`/v1/admin/tokens/${revoked.id}`, { method: 'DELETE' })).status).toBe(204)

  // Issued valid, then its expiry moved into the past (the API only takes future expiries).
  const expired = await issue({ role: 'admin', expiresAt: new Date(Date.now() + 3_600_000).toISOString() })
  await env.DB.prepare('update tokens set expires_at = ? where id = ?')
    .bind(Date.now() - 1000, expired.id)
    .run()

  fx = {
    org,
    leadA,
    leadB,
    formKey,
    typeformId,
    salesforceId,
    tokens: {
      malformed: 'not-a-token',
      revoked: revoked.token,
      expired: expired.token,
      deactivated: deactivated.token,
      intake: (await issue({ role: 'intake' })).token,
      repOwn: (await issue({ role: 'rep', repId: org.repA.id })).token,
      repOther: (await issue({ role: 'rep', repId: org.repB.id })).token,
      manager: (await issue({ role: 'manager', repId: org.manager.id })).token,
      admin: (await issue({ role: 'admin' })).token,
      bootstrap: ADMIN,
    },
  }
})

/**
 * The concrete request for a route: path parameters from the fixture (a DELETE gets an id that does not
 * exist, so admitted callers cannot remove the fixture), a query the route can read, and a body.
 */
const request = (key: string): { path: string; json?: unknown; body?: string; type?: string } => {
  const [method, template] = key.split(' ') as [string, string]
  const param = (name: string): string => {
    if (method === 'DELETE') return `none_${name}`
    if (template.startsWith('/v1/leads/') || template.startsWith('/open/leads/')) return fx.leadA.id
    if (template.startsWith('/v1/intake/form/')) return fx.formKey
    if (template === '/v1/webhooks/:sourceId') return fx.typeformId
    if (template.startsWith('/v1/webhooks/')) return name === 'secret' ? 'wrong-secret' : fx.salesforceId
    if (template.includes('/criteria/versions/')) return template.endsWith('/restore') ? '999' : '1'
    const ids: Record<string, string> = {
      reps: fx.org.repB.id,
      calendars: 'authz_cal',
      pools: fx.org.poolId,
      'routing-rules': 'authz_rule',
      'sla-policies': 'authz_hot',
      channels: 'authz_log',
    }
    return ids[template.split('/')[3] ?? ''] ?? `none_${name}`
  }
  let path = template.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(param(name)))
  if (template === '/v1/leads/lookup') path += `?email=${encodeURIComponent(fx.leadA.email)}`
  if (method === 'GET' || method === 'DELETE') return { path }
  // The form takes form encoding; an empty one (no email) is refused by validation, not by auth.
  if (template.startsWith('/v1/intake/form/')) return { path, body: 'x=1', type: 'application/x-www-form-urlencoded' }
  // Valid bodies, so an admitted caller reaches the handler.
  if (template === '/v1/leads/:id/touch') return { path, json: { channel: 'other', note: 'authz matrix' } }
  if (template === '/v1/leads/:id/disposition') return { path, json: { outcome: 'accepted' } }
  return { path, json: {} }
}

/** The status class a caller must get from a token-protected route. */
const expected = (policy: { roles: Grant[] }, caller: Caller): 401 | 403 | 'admitted' => {
  if (UNAUTHENTICATED.includes(caller)) return 401
  const admitted: Record<Exclude<Caller, (typeof UNAUTHENTICATED)[number]>, boolean> = {
    intake: policy.roles.includes('intake'),
    repOwn: policy.roles.includes('rep') || policy.roles.includes('ownRep'),
    repOther: policy.roles.includes('rep'),
    manager: policy.roles.includes('manager'),
    admin: policy.roles.includes('admin'),
    bootstrap: policy.roles.includes('admin'),
  }
  return admitted[caller as keyof typeof admitted] ? 'admitted' : 403
}

/** Leads the intake token did not create: none of their data may reach it. */
const foreignLeadData = () =>
  [fx.leadA, fx.leadB].flatMap((l) => [l.id, l.email, l.phone, l.assignee?.name].filter((v): v is string => !!v))

describe('authorization matrix', () => {
  it('classifies every route the app mounts, and no route it does not', () => {
    const unclassified = ROUTES.filter((r) => !(r in POLICY))
    expect(unclassified, 'every route must be classified in POLICY').toEqual([])
    expect(Object.keys(POLICY).filter((r) => !ROUTES.includes(r))).toEqual([])
    // The `use()` mounts named as middleware still exist, so the filter hides nothing else.
    for (const p of MIDDLEWARE_MOUNTS) expect(app.routes.some((r) => r.method === 'ALL' && r.path === p)).toBe(true)
  })

  for (const key of ROUTES) {
    const policy = POLICY[key]
    if (!policy) continue
    const [method] = key.split(' ') as [string]
    const label = 'public' in policy ? `public (${policy.public})` : `admits ${policy.roles.join('/')}`
    it(`${key}: ${label}`, async () => {
      const { path, ...init } = request(key)
      const seen: string[] = []
      for (const caller of CALLERS) {
        const res = await call(method, path, caller, init)
        const text = await res.text()
        const where = `${key} as ${caller}: ${res.status} ${text.slice(0, 200)}`
        // Bodies here are empty or minimal: bad input is never a 5xx (contract).
        expect(res.status, where).toBeLessThan(500)
        if ('public' in policy) {
          // Public routes answer the same whoever calls; a token neither helps nor hurts.
          expect(res.status, where).toBe(policy.status)
          expect(text, where).not.toContain('"forbidden"')
        } else {
          const want = expected(policy, caller)
          if (want === 'admitted') {
            expect([401, 403], where).not.toContain(res.status)
          } else {
            expect(res.status, where).toBe(want)
            const body = JSON.parse(text) as { error: { code: string } }
            expect(body.error.code, where).toBe(want === 401 ? 'unauthorized' : 'forbidden')
          }
        }
        // The public page echoes the id from its own URL; every other answer to intake carries no foreign lead.
        if (caller === 'intake' && !('public' in policy))
          for (const v of foreignLeadData()) expect(text, where).not.toContain(v)
        seen.push(caller)
      }
      expect(seen).toEqual([...CALLERS])
    })
  }
})

describe("a colleague's lead", () => {
  const count = async (table: string, leadId: string) =>
    (await env.DB.prepare(`select count(*) n from ${table} where lead_id = ?`).bind(leadId).first<{ n: number }>())!.n

  for (const [what, method, suffix, json] of [
    ['the brief', 'GET', '', undefined],
    ['the journey', 'GET', '/journey', undefined],
    ['a touch', 'POST', '/touch', { channel: 'call', note: 'poaching' }],
    ['a disposition', 'POST', '/disposition', { outcome: 'disqualified', reason: 'poaching' }],
    // Access is checked before the body: an invalid one still meets the 403, not a 422 about the body.
    ['a touch with an invalid body', 'POST', '/touch', { channel: 'carrier pigeon' }],
    ['a disposition with an invalid body', 'POST', '/disposition', {}],
  ] as const) {
    it(`${what}: 403 carrying only the owner's name and metAt, and nothing changes`, async () => {
      const lead = fx.leadA
      const before = { touches: await count('touches', lead.id), dispositions: await count('dispositions', lead.id) }
      const res = await call(method, `/v1/leads/${lead.id}${suffix}`, 'repOther', { json })
      expect(res.status).toBe(403)
      const text = await res.text()
      const body = JSON.parse(text) as { error: Record<string, unknown> }
      expect(Object.keys(body)).toEqual(['error'])
      expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'owner'])
      expect(body.error.code).toBe('forbidden')
      expect(Object.keys(body.error.owner as object).sort()).toEqual(['metAt', 'name'])
      expect(body.error.owner).toMatchObject({ name: fx.org.repA.name })
      for (const v of [lead.id, lead.email, lead.phone, lead.company?.name, 'Jane', 'Doe', 'timeline', 'score'])
        if (v) expect(text).not.toContain(v)
      expect({
        touches: await count('touches', lead.id),
        dispositions: await count('dispositions', lead.id),
      }).toEqual(before)
    })
  }

  it('a lookup by email of a colleague’s lead is the same 403, no brief', async () => {
    const res = await call('GET', `/v1/leads/lookup?email=${encodeURIComponent(fx.leadA.email)}`, 'repOther')
    expect(res.status).toBe(403)
    const text = await res.text()
    expect(text).not.toContain(fx.leadA.id)
    expect(text).not.toContain(fx.leadA.phone ?? '+1 555 0100')
  })
  it('a lookup by LinkedIn, or by CRM id + email, is 403 too and attaches no CRM id to the lead', async () => {
    const refs = async () =>
      (await env.DB.prepare('select count(*) n from lead_crm_refs where lead_id = ?')
        .bind(fx.leadA.id)
        .first<{ n: number }>())!.n
    const before = await refs()
    const linkedin = await call(
      'GET',
      `/v1/leads/lookup?linkedin=${encodeURIComponent(fx.leadA.linkedinUrl!)}`,
      'repOther',
    )
    expect(linkedin.status).toBe(403)
    const heal = await call(
      'GET',
      `/v1/leads/lookup?crm=hubspot:9001&email=${encodeURIComponent(fx.leadA.email)}`,
      'repOther',
    )
    expect(heal.status).toBe(403)
    expect(await refs()).toBe(before)
  })
})

describe('the intake token', () => {
  it('reads no brief of a lead it did not create: only id, email, status and score total', async () => {
    for (const lead of [fx.leadA, fx.leadB]) {
      const res = await call('POST', '/v1/leads', 'intake', { json: { email: lead.email } })
      expect(res.status).toBe(200)
      const out = (await res.json()) as { lead: Record<string, unknown> }
      expect(Object.keys(out)).toEqual(['lead'])
      expect(Object.keys(out.lead).sort()).toEqual(['email', 'id', 'score', 'status'])
      expect(Object.keys(out.lead.score as object)).toEqual(['total'])
      const text = JSON.stringify(out)
      for (const v of [lead.phone, lead.assignee?.name, lead.assignee?.email, 'timeline', 'breakdown'])
        if (v) expect(text).not.toContain(v)
    }
  })

  it('gets no lead data from events or Segment for existing leads', async () => {
    const events = await call('POST', '/v1/events', 'intake', {
      json: {
        events: [{ id: 'authz-ev-1', email: fx.leadB.email, type: 'page_view', occurredAt: new Date().toISOString() }],
      },
    })
    expect(events.status).toBe(202)
    const segment = await call('POST', '/v1/intake/segment', 'intake', {
      json: { type: 'identify', userId: 'authz-u1', traits: { email: fx.leadB.email } },
    })
    expect(segment.status).toBeLessThan(300)
    for (const text of [await events.text(), await segment.text()])
      for (const v of [fx.leadB.phone, fx.leadB.assignee?.name, 'timeline', 'breakdown', '"company"'])
        if (v) expect(text).not.toContain(v)
  })
})

describe('refused changes change nothing', () => {
  const n = async (sql: string, ...binds: unknown[]) =>
    (await env.DB.prepare(sql)
      .bind(...binds)
      .first<{ n: number }>())!.n

  it('a rep (or manager, or intake) cannot create a rep', async () => {
    const before = await n('select count(*) n from reps')
    for (const caller of ['repOwn', 'manager', 'intake'] as const) {
      const res = await call('POST', '/v1/admin/reps', caller, {
        json: { name: 'Sneaky', email: `sneaky.${caller}@seller.test` },
      })
      expect(res.status).toBe(403)
    }
    expect(await n('select count(*) n from reps')).toBe(before)
  })

  it('a manager cannot mint tokens, nor revoke one', async () => {
    const before = await n('select count(*) n from tokens')
    const mint = await call('POST', '/v1/admin/tokens', 'manager', { json: { role: 'admin', name: 'escalate' } })
    expect(mint.status).toBe(403)
    const [row] = (
      await env.DB.prepare("select id from tokens where role = 'intake' and revoked_at is null").all<{
        id: string
      }>()
    ).results
    const revoke = await call('DELETE', `/v1/admin/tokens/${row!.id}`, 'manager')
    expect(revoke.status).toBe(403)
    expect(await n('select count(*) n from tokens')).toBe(before)
    expect(await n('select count(*) n from tokens where id = ? and revoked_at is null', row!.id)).toBe(1)
  })

  it('intake cannot deactivate a rep or change the criteria', async () => {
    const versions = await n('select count(*) n from criteria_versions')
    expect((await call('DELETE', `/v1/admin/reps/${fx.org.repB.id}`, 'intake')).status).toBe(403)
    expect(
      (await call('PUT', '/v1/admin/criteria', 'intake', { json: { thresholds: { mql: 1, sql: 2 } } })).status,
    ).toBe(403)
    expect(await n('select count(*) n from reps where id = ? and active = 1', fx.org.repB.id)).toBe(1)
    expect(await n('select count(*) n from criteria_versions')).toBe(versions)
  })

  it('a rep cannot reassign a lead, even their own, to themselves or away', async () => {
    for (const [caller, repId] of [
      ['repOther', fx.org.repB.id],
      ['repOwn', fx.org.repB.id],
    ] as const) {
      const res = await call('POST', `/v1/leads/${fx.leadA.id}/reassign`, caller, {
        json: { repId, reason: 'mine now' },
      })
      expect(res.status).toBe(403)
    }
    const lead = (await (await api(`/v1/leads/${fx.leadA.id}`)).json()) as { lead: Brief }
    expect(lead.lead.assignee?.id).toBe(fx.org.repA.id)
  })

  it('revoked, expired and deactivated tokens store no lead and no touch', async () => {
    const leads = await n('select count(*) n from leads')
    const touches = await n('select count(*) n from touches')
    for (const caller of ['revoked', 'expired', 'deactivated', 'malformed'] as const) {
      expect((await call('POST', '/v1/leads', caller, { json: { email: `ghost.${caller}@acme.test` } })).status).toBe(
        401,
      )
      expect((await call('POST', `/v1/leads/${fx.leadB.id}/touch`, caller, { json: { channel: 'call' } })).status).toBe(
        401,
      )
    }
    expect(await n('select count(*) n from leads')).toBe(leads)
    expect(await n('select count(*) n from touches')).toBe(touches)
  })
})

describe('the route table cannot be side-stepped', () => {
  it('path spellings of admin and manager routes never admit a rep', async () => {
    for (const path of [
      '/v1/admin/reps/',
      '//v1/admin/reps',
      '/v1/admin//reps',
      '/v1/admin/%72eps',
      '/v1/ADMIN/reps',
      '/v1/admin/reps/../tokens',
      '/v1/admin/demo/seed/',
      '/v1/manager/board/',
      '/v1/leads/x/../../admin/tokens',
    ]) {
      for (const caller of ['repOwn', 'intake'] as const) {
        const res = await call(path.includes('seed') ? 'POST' : 'GET', path, caller)
        expect([401, 403, 404], `${path} as ${caller}: ${res.status}`).toContain(res.status)
      }
    }
  })

  it("a rep's queue holds only their own leads; a colleague's lead never shows in it", async () => {
    const res = await call('GET', '/v1/me/queue', 'repOther')
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).toContain(fx.leadB.id)
    expect(text).not.toContain(fx.leadA.id)
    expect(text).not.toContain(fx.leadA.email)
  })
})
