import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { api, issueToken } from './helpers'

describe('auth', () => {
  it('refuses a missing token with 401 and the error envelope', async () => {
    const res = await api('/v1/admin/tokens', { token: null, json: { role: 'intake', name: 'x' } })
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } })
  })

  it('refuses an unknown token with 401', async () => {
    const res = await api('/v1/admin/tokens', { token: 'nope', json: { role: 'intake', name: 'x' } })
    expect(res.status).toBe(401)
  })

  it('issues a token once and stores only its hash', async () => {
    const token = await issueToken('intake')
    expect(token).toMatch(/^hk_intake_[0-9a-f]{64}$/)
    const rows = await env.DB.prepare('select token_hash from tokens').all<{ token_hash: string }>()
    expect(rows.results.map((r) => r.token_hash)).not.toContain(token)
    expect(rows.results.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true)
  })

  it('answers 403 when the role does not fit', async () => {
    const intake = await issueToken('intake')
    const res = await api('/v1/admin/tokens', { token: intake, json: { role: 'admin', name: 'escalate' } })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } })
  })

  it('validates the body with paths', async () => {
    const res = await api('/v1/admin/tokens', { json: { role: 'rep', name: 'r' } })
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({ error: { code: 'validation_failed', issues: [{ path: 'repId' }] } })
  })

  it('answers 400 for malformed JSON and 415 for another content type', async () => {
    const bad = await api('/v1/admin/tokens', { body: '{"role":', headers: { 'Content-Type': 'application/json' } })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ error: { code: 'malformed_json' } })
    const text = await api('/v1/admin/tokens', { body: 'role=admin', headers: { 'Content-Type': 'text/plain' } })
    expect(text.status).toBe(415)
  })

  it('answers 413 above 1 MiB', async () => {
    const res = await api('/v1/admin/tokens', {
      body: 'x'.repeat(1024 * 1024 + 1),
      headers: { 'Content-Type': 'application/json' },
    })
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } })
  })
})
