import { env } from 'cloudflare:test'
import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { api } from './helpers'

// redirect: 'manual', so a 303 is seen as it is (and nothing is fetched from its target).
const form = (key: string, fields: Record<string, string>) =>
  exports.default.fetch(
    new Request(`http://handoff.test/v1/intake/form/${key}`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams(fields).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
  )

const createSource = async (json: Record<string, unknown>) => {
  const res = await api('/v1/admin/sources', { json })
  expect(res.status).toBe(201)
  return ((await res.json()) as { source: { key: string; formPath: string } }).source
}

type Row = {
  first_name: string
  last_name: string
  company_name: string
  employees: number
  source: string
  campaign: string
  message: string
  fields: string
  country: string
}
const lead = (email: string) => env.DB.prepare('select * from leads where email_norm = ?').bind(email).first<Row>()

describe('website forms', () => {
  it('manages sources: create with a generated key, list, delete (then its posts answer 404)', async () => {
    const s = await createSource({ name: 'Pricing page', source: 'website' })
    expect(s.key).toMatch(/^src_[0-9a-f]{32}$/)
    expect(s.formPath).toBe(`/v1/intake/form/${s.key}`)
    const list = (await (await api('/v1/admin/sources')).json()) as { sources: Array<{ key: string }> }
    expect(list.sources.map((x) => x.key)).toContain(s.key)
    expect(
      (await api('/v1/admin/sources', { json: { name: 'x', source: 'y', redirectUrl: 'javascript:alert(1)' } })).status,
    ).toBe(422)
    expect((await api(`/v1/admin/sources/${s.key}`, { method: 'DELETE' })).status).toBe(204)
    expect((await api(`/v1/admin/sources/${s.key}`, { method: 'DELETE' })).status).toBe(404)
    expect((await form(s.key, { email: 'gone@form-co.io' })).status).toBe(404)
    expect(await lead('gone@form-co.io')).toBeNull()
  })

  it('maps a urlencoded post onto a lead and redirects (303) to the source page', async () => {
    const s = await createSource({
      name: 'Demo form',
      source: 'website',
      campaign: 'spring',
      redirectUrl: 'https://example.com/thanks',
    })
    const res = await form(s.key, {
      email: 'Form.Lead@Form-Co.io',
      first_name: 'Fay',
      last_name: 'Lee',
      company: 'Form Co',
      employees: '1,200',
      country: 'de',
      message: 'Call me',
      utm_source: 'linkedin',
      favourite_colour: 'green',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe('https://example.com/thanks')
    expect(await lead('form.lead@form-co.io')).toMatchObject({
      first_name: 'Fay',
      last_name: 'Lee',
      company_name: 'Form Co',
      employees: 1200,
      country: 'DE',
      source: 'linkedin',
      campaign: 'spring',
      message: 'Call me',
    })
    expect(JSON.parse((await lead('form.lead@form-co.io'))!.fields)).toEqual({ favourite_colour: 'green' })
  })

  it('accepts multipart, answers 201 without lead data when there is no redirect, and uses the source defaults', async () => {
    const s = await createSource({ name: 'Contact', source: 'website', campaign: 'always-on' })
    const body = new FormData()
    body.set('email', 'multi@form-co.io')
    body.set('Full Name', 'Mo Multi Part')
    const res = await api(`/v1/intake/form/${s.key}`, { token: null, body })
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ ok: true })
    expect(await lead('multi@form-co.io')).toMatchObject({
      first_name: 'Mo',
      last_name: 'Multi Part',
      source: 'website',
      campaign: 'always-on',
    })
  })

  it('drops honeypot posts (202, nothing stored), refuses bad input (422) and other content types (415)', async () => {
    const s = await createSource({ name: 'Spam target', source: 'website' })
    expect((await form(s.key, { email: 'bot@form-co.io', _hp: 'http://spam' })).status).toBe(202)
    expect(await lead('bot@form-co.io')).toBeNull()
    const bad = await form(s.key, { email: 'nope', employees: 'lots' })
    expect(bad.status).toBe(422)
    expect(
      ((await bad.json()) as { error: { issues: Array<{ path: string }> } }).error.issues.map((i) => i.path).sort(),
    ).toEqual(['company.employees', 'email'])
    expect((await api(`/v1/intake/form/${s.key}`, { token: null, json: { email: 'json@form-co.io' } })).status).toBe(
      415,
    )
    expect((await form('src_unknown', { email: 'x@form-co.io' })).status).toBe(404)
    const count = await env.DB.prepare(
      "select count(*) n from leads where email_norm like '%@form-co.io' and email_norm not in ('form.lead@form-co.io', 'multi@form-co.io')",
    ).first<{ n: number }>()
    expect(count!.n).toBe(0)
  })
})
