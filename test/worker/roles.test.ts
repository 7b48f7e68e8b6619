import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, issueToken } from './helpers'

type Role = 'admin' | 'manager' | 'rep' | 'intake'
const tokens = {} as Record<Role, string>

beforeAll(async () => {
  for (const role of ['manager', 'rep'] as const) {
    const id = `rep_roles_${role}`
    await env.DB.prepare('insert into reps (id, name, email, role) values (?, ?, ?, ?)')
      .bind(id, role, `${role}@roles-co.io`, role)
      .run()
    tokens[role] = await issueToken(role, id)
  }
  tokens.intake = await issueToken('intake')
  tokens.admin = await issueToken('admin')
})

/** Every intake and criteria route with the roles it admits (bodies are valid, so only the role decides). */
const ROUTES: Array<{ method: string; path: string; roles: Role[]; json?: unknown; body?: string; type?: string }> = [
  { method: 'POST', path: '/v1/leads', roles: ['intake', 'admin'], json: { email: 'r@roles-co.io' } },
  {
    method: 'POST',
    path: '/v1/events',
    roles: ['intake', 'admin'],
    json: { events: [{ id: 'r-1', email: 'r@roles-co.io', type: 'page_view', occurredAt: '2026-11-01T10:00:00Z' }] },
  },
  {
    method: 'POST',
    path: '/v1/intake/segment',
    roles: ['intake', 'admin'],
    json: { type: 'identify', traits: { email: 'r@roles-co.io' } },
  },
  { method: 'POST', path: '/v1/admin/import', roles: ['admin'], body: 'email\nr@roles-co.io\n', type: 'text/csv' },
  { method: 'GET', path: '/v1/admin/criteria', roles: ['admin'] },
  { method: 'PUT', path: '/v1/admin/criteria', roles: ['admin'], json: { thresholds: { mql: 40, sql: 70 } } },
  { method: 'GET', path: '/v1/admin/criteria/versions', roles: ['admin'] },
  { method: 'GET', path: '/v1/admin/criteria/versions/1', roles: ['admin'] },
  { method: 'POST', path: '/v1/admin/criteria/versions/1/restore', roles: ['admin'] },
  { method: 'POST', path: '/v1/admin/criteria/preview', roles: ['admin'], json: { thresholds: { mql: 40, sql: 70 } } },
  { method: 'GET', path: '/v1/admin/sources', roles: ['admin'] },
  { method: 'POST', path: '/v1/admin/sources', roles: ['admin'], json: { name: 'Form', source: 'website' } },
  { method: 'DELETE', path: '/v1/admin/sources/src_none', roles: ['admin'] },
  { method: 'POST', path: '/v1/admin/criteria/impact', roles: ['admin'], json: { thresholds: { mql: 40, sql: 70 } } },
  { method: 'GET', path: '/v1/admin/audit', roles: ['admin'] },
  // The managers' console: reps see only their own leads, never the team's.
  { method: 'GET', path: '/v1/manager/board', roles: ['manager', 'admin'] },
  { method: 'GET', path: '/v1/manager/queue', roles: ['manager', 'admin'] },
  { method: 'GET', path: '/v1/manager/leads?q=x', roles: ['manager', 'admin'] },
  {
    method: 'POST',
    path: '/v1/leads/lead_none/reassign',
    roles: ['manager', 'admin'],
    json: { repId: 'rep_roles_rep', reason: 'x' },
  },
  { method: 'GET', path: '/v1/reports/speed-to-lead/trend', roles: ['manager', 'admin'] },
  { method: 'GET', path: '/v1/reports/reasons', roles: ['manager', 'admin'] },
]

const call = (r: (typeof ROUTES)[number], token: string | null) =>
  api(r.path, {
    method: r.method,
    token,
    json: r.json,
    body: r.body,
    headers: r.type ? { 'Content-Type': r.type } : undefined,
  })

describe('role checks on intake and criteria routes', () => {
  for (const r of ROUTES) {
    it(`${r.method} ${r.path}: 401 without a token, 403 for other roles, admitted for ${r.roles.join('/')}`, async () => {
      const anon = await call(r, null)
      expect(anon.status).toBe(401)
      for (const role of ['admin', 'manager', 'rep', 'intake'] as const) {
        const res = await call(r, tokens[role])
        if (r.roles.includes(role)) expect([200, 201, 202, 204, 404]).toContain(res.status)
        else {
          expect(res.status).toBe(403)
          expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } })
        }
      }
    })
  }

  it('stores nothing for refused calls', async () => {
    const leads = await env.DB.prepare("select count(*) n from leads where email_norm = 'refused@roles-co.io'").first<{
      n: number
    }>()
    for (const role of ['manager', 'rep'] as const)
      await api('/v1/leads', { token: tokens[role], json: { email: 'refused@roles-co.io' } })
    await api('/v1/leads', { token: null, json: { email: 'refused@roles-co.io' } })
    expect(
      await env.DB.prepare("select count(*) n from leads where email_norm = 'refused@roles-co.io'").first(),
    ).toEqual(leads)
  })
})
