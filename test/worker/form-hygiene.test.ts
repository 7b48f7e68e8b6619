/**
 * Hostile field names and values at the public form and the CSV import: names from Object.prototype reach
 * no logic, `fields` are capped (50 keys, 1 KB a value) with 422 paths, and control or bidi-override
 * characters never reach a stored name.
 */
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { LeadInput } from '../../shared/schemas/lead'
import { api } from './helpers'

const PROTO_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '__defineGetter__',
]

describe('form and CSV hygiene', () => {
  let formPath: string
  beforeAll(async () => {
    const res = await api('/v1/admin/sources', { json: { name: 'Hygiene', source: 'website' } })
    formPath = ((await res.json()) as { source: { formPath: string } }).source.formPath
  })

  const post = (body: string, ip = '192.0.2.10') =>
    api(formPath, {
      token: null,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': ip },
      body,
    })

  it.each(PROTO_NAMES)('a form field named %s is kept as a plain field, never a 500', async (name) => {
    const email = `proto.${name.replace(/_/g, '').toLowerCase()}@form.test`
    const res = await post(
      `email=${encodeURIComponent(email)}&${encodeURIComponent(name)}=x`,
      `192.0.2.${PROTO_NAMES.indexOf(name) + 20}`,
    )
    expect(res.status).toBeLessThan(500)
    expect(res.status).not.toBe(422)
    const row = await env.DB.prepare('select fields from leads where email_norm = ?')
      .bind(email)
      .first<{ fields: string }>()
    expect(row).not.toBeNull()
  })

  it('a CSV with a constructor column imports its rows', async () => {
    const res = await api('/v1/admin/import', {
      headers: { 'Content-Type': 'text/csv' },
      body: 'email,constructor,__proto__\ncsv.proto@form.test,a,b\n',
    })
    expect(res.status).toBeLessThan(300)
    expect(await res.json()).toMatchObject({ accepted: 1, rejected: [] })
  })

  it('caps fields at 50 keys and 1 KB per value, with the paths', () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']))
    const tooMany = LeadInput.safeParse({ email: 'a@b.co', fields: many })
    expect(tooMany.success).toBe(false)
    expect(tooMany.error!.issues.map((i) => i.path.join('.'))).toEqual(['fields'])
    const long = LeadInput.safeParse({ email: 'a@b.co', fields: { note: 'x'.repeat(1025) } })
    expect(long.error!.issues.map((i) => i.path.join('.'))).toEqual(['fields.note'])
    expect(LeadInput.safeParse({ email: 'a@b.co', fields: { note: 'x'.repeat(1024) } }).success).toBe(true)
  })

  it('answers an oversized field over the API with 422 and its path', async () => {
    const res = await api('/v1/leads', { json: { email: 'big@form.test', fields: { blob: 'x'.repeat(5000) } } })
    expect(res.status).toBe(422)
    expect(
      ((await res.json()) as { error: { issues: Array<{ path: string }> } }).error.issues.map((i) => i.path),
    ).toContain('fields.blob')
  })

  it('strips control and bidi-override characters from names and titles', () => {
    const parsed = LeadInput.parse({
      email: 'a@b.co',
      firstName: 'Ana\u0000\u202E',
      lastName: 'Ru\u2066iz\u0007',
      title: 'VP\tSales',
      company: { name: 'Acme\u202D Inc' },
    })
    expect(parsed).toMatchObject({
      firstName: 'Ana',
      lastName: 'Ruiz',
      title: 'VP Sales',
      company: { name: 'Acme Inc' },
    })
  })

  it('folds repeated anonymous posts in the journey, keeping every count', async () => {
    const email = 'fold.me@form.test'
    for (let i = 0; i < 6; i++) expect((await post(`email=${email}&message=hi`, `192.0.2.${100 + i}`)).status).toBe(201)
    const id = (await env.DB.prepare('SELECT id FROM leads WHERE email_norm = ?').bind(email).first<{ id: string }>())!
      .id
    const res = await api(`/v1/leads/${id}/journey`)
    const { entries } = (await res.json()) as {
      entries: Array<{ kind: string; summary: string; data: { count?: number } }>
    }
    const intake = entries.filter((e) => e.kind === 'intake')
    // The first post created the lead; the five updates fold into one entry.
    expect(intake.map((e) => e.summary)).toEqual(['Intake', 'Intake (update) ×5'])
    expect(intake[1]!.data.count).toBe(5)
  })
})
