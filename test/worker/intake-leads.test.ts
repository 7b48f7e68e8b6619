import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import type { Brief } from '../../shared/schemas/lead'
import { api, issueToken } from './helpers'

type LeadBody = { lead: Brief }
const count = async (sql: string, ...binds: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>())!.n

describe('POST /v1/leads', () => {
  it('creates a lead (201) scored with the current criteria, then merges by normalized email (200)', async () => {
    const first = await api('/v1/leads', {
      json: {
        email: 'Dana.Ops@Acme-Intake.io',
        firstName: 'Dana',
        title: 'VP Marketing',
        company: { name: 'Acme', domain: 'acme-intake.io', employees: 400, industry: 'Software', country: 'us' },
        fields: { plan: 'pro', seats: 12 },
        crmRefs: [{ system: 'hubspot', id: '0042' }],
      },
    })
    expect(first.status).toBe(201)
    const a = ((await first.json()) as LeadBody).lead
    expect(a.email).toBe('Dana.Ops@Acme-Intake.io')
    expect(a.company).toMatchObject({ name: 'Acme', country: 'US', employees: 400 })
    expect(a.score.total).toBeGreaterThan(0)
    expect(a.score.breakdown.map((b) => b.rule)).toContain('fit:senior-title')
    expect(a.crmRefs).toEqual([{ system: 'hubspot', id: '42' }])

    const second = await api('/v1/leads', {
      json: { email: '  dana.ops@ACME-intake.io ', lastName: 'Ops', title: '', fields: { seats: 20, region: 'emea' } },
    })
    expect(second.status).toBe(200)
    const b = ((await second.json()) as LeadBody).lead
    expect(b.id).toBe(a.id)
    expect(b).toMatchObject({ firstName: 'Dana', lastName: 'Ops', title: 'VP Marketing' })
    expect(b.fields).toEqual({ plan: 'pro', seats: 20, region: 'emea' })
    expect(await count("select count(*) n from leads where email_norm = 'dana.ops@acme-intake.io'")).toBe(1)
    const kinds = await env.DB.prepare('select kind from lead_history where lead_id = ? order by id')
      .bind(a.id)
      .all<{ kind: string }>()
    expect(kinds.results.filter((k) => k.kind === 'intake')).toHaveLength(2)
  })

  it('stores Salesforce references in the 18-character form and refuses ids that are not ids (nothing stored)', async () => {
    const ok = await api('/v1/leads', {
      json: { email: 'sf@acme-intake.io', crmRefs: [{ system: 'salesforce', id: '00Q5000000AbCdE' }] },
    })
    expect(ok.status).toBe(201)
    const lead = ((await ok.json()) as LeadBody).lead
    expect(lead.crmRefs[0]!.id).toHaveLength(18)
    const bad = await api('/v1/leads', {
      json: { email: 'sf-bad@acme-intake.io', crmRefs: [{ system: 'salesforce', id: 'nope!' }] },
    })
    expect(bad.status).toBe(422)
    expect(await bad.json()).toMatchObject({ error: { issues: [{ path: 'crmRefs.0.id' }] } })
    expect(await count("select count(*) n from leads where email_norm = 'sf-bad@acme-intake.io'")).toBe(0)
  })

  it('rejects bad input with paths and stores nothing', async () => {
    const before = await count('select count(*) n from leads')
    const res = await api('/v1/leads', { json: { email: 'not-an-email', company: { employees: -3, country: 'USA' } } })
    expect(res.status).toBe(422)
    const body = (await res.json()) as { error: { code: string; issues: Array<{ path: string }> } }
    expect(body.error.code).toBe('validation_failed')
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['company.country', 'company.employees', 'email'])
    expect(
      (await api('/v1/leads', { body: '{"email":', headers: { 'Content-Type': 'application/json' } })).status,
    ).toBe(400)
    expect((await api('/v1/leads', { body: 'email=a@b.co', headers: { 'Content-Type': 'text/plain' } })).status).toBe(
      415,
    )
    expect(
      (await api('/v1/leads', { body: 'x'.repeat(1024 * 1024 + 10), headers: { 'Content-Type': 'application/json' } }))
        .status,
    ).toBe(413)
    expect(await count('select count(*) n from leads')).toBe(before)
  })

  it('replays the first response for a repeated Idempotency-Key and changes nothing', async () => {
    const headers = { 'Idempotency-Key': 'key-123' }
    const first = await api('/v1/leads', {
      headers,
      json: { email: 'idem@acme-intake.io', title: 'Director of Sales' },
    })
    expect(first.status).toBe(201)
    const firstBody = await first.text()
    const again = await api('/v1/leads', {
      headers,
      json: { email: 'idem@acme-intake.io', title: 'Intern', fields: { x: 1 } },
    })
    expect(again.status).toBe(201)
    expect(await again.text()).toBe(firstBody)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    const row = await env.DB.prepare("select title, fields from leads where email_norm = 'idem@acme-intake.io'").first<{
      title: string
      fields: string
    }>()
    expect(row).toEqual({ title: 'Director of Sales', fields: '{}' })
    expect(await count("select count(*) n from leads where email_norm = 'idem@acme-intake.io'")).toBe(1)

    // The key is scoped per token: another intake source with the same key is processed on its own.
    const other = await issueToken('intake')
    const res = await api('/v1/leads', { token: other, headers, json: { email: 'idem2@acme-intake.io' } })
    expect(res.status).toBe(201)
    expect(((await res.json()) as LeadBody).lead.email).toBe('idem2@acme-intake.io')
  })

  it('keeps one lead when two requests create the same email at once', async () => {
    const [a, b] = await Promise.all([
      api('/v1/leads', { json: { email: 'race@acme-intake.io', title: 'Head of Sales' } }),
      api('/v1/leads', { json: { email: 'RACE@acme-intake.io', phone: '+1 555 0100' } }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 201])
    const rows = await env.DB.prepare("select title, phone from leads where email_norm = 'race@acme-intake.io'").all()
    expect(rows.results).toEqual([{ title: 'Head of Sales', phone: '+1 555 0100' }])
  })

  it('admits intake and admin, refuses other roles (403) and no token (401)', async () => {
    const intake = await issueToken('intake')
    expect((await api('/v1/leads', { token: intake, json: { email: 'role-intake@acme-intake.io' } })).status).toBe(201)
    for (const role of ['manager', 'rep'] as const) {
      const token = await repToken(role)
      const res = await api('/v1/leads', { token, json: { email: `role-${role}@acme-intake.io` } })
      expect(res.status).toBe(403)
    }
    expect((await api('/v1/leads', { token: null, json: { email: 'anon@acme-intake.io' } })).status).toBe(401)
    expect(await count("select count(*) n from leads where email_norm like 'role-%' or email_norm like 'anon@%'")).toBe(
      1,
    )
  })
})

/** A rep token needs a rep row. */
const repToken = async (role: 'rep' | 'manager') => {
  const id = `rep_${crypto.randomUUID().slice(0, 8)}`
  await env.DB.prepare("insert into reps (id, name, email, role) values (?, 'R', ?, ?)")
    .bind(id, `${id}@acme-sales.io`, role)
    .run()
  return issueToken(role, id)
}
