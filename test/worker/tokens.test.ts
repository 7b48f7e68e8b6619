/**
 * Token lifecycle (contract v1.1): list without secrets, revoke effective on the next request, expiry,
 * a deactivated rep's tokens cut at once, case-insensitive scheme, and a bootstrap that a short or
 * switched-off ADMIN_TOKEN cannot open.
 */
import { env } from 'cloudflare:test'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { tokens } from '../../worker/db/schema'
import { bootstrapEnabled } from '../../worker/middleware/auth'
import { db } from './brief-fixtures'
import { api } from './helpers'

const createRep = async (email: string) => {
  const res = await api('/v1/admin/reps', { json: { name: 'Tok Rep', email, timeZone: 'UTC' } })
  expect(res.status).toBe(201)
  return ((await res.json()) as { rep: { id: string } }).rep.id
}

const issue = async (body: Record<string, unknown>) => {
  const res = await api('/v1/admin/tokens', { json: body })
  return {
    status: res.status,
    body: (await res.json()) as { id: string; token: string; error?: { issues: Array<{ path: string }> } },
  }
}

describe('tokens', () => {
  it('are issued with an id, listed without the secret or its hash, and revoked from the next request on', async () => {
    const { status, body } = await issue({ role: 'intake', name: 'Website' })
    expect(status).toBe(201)
    expect(body.id).toMatch(/^tok_/)
    expect((await api('/v1/me', { token: body.token })).status).toBe(200)

    const listed = await api('/v1/admin/tokens')
    const text = await listed.text()
    expect(text).not.toContain(body.token)
    const [stored] = await db.select().from(tokens).where(eq(tokens.id, body.id))
    expect(text).not.toContain(stored!.tokenHash)
    const entry = (JSON.parse(text) as { tokens: Array<Record<string, unknown>> }).tokens.find((t) => t.id === body.id)
    expect(entry).toMatchObject({ name: 'Website', role: 'intake', repId: null, expiresAt: null, revokedAt: null })
    expect(Object.keys(entry!).sort()).toEqual(
      expect.arrayContaining(['id', 'name', 'role', 'repId', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt']),
    )
    expect(Date.parse(entry!.lastUsedAt as string)).toBeGreaterThan(0) // the /v1/me call above

    expect((await api(`/v1/admin/tokens/${body.id}`, { method: 'DELETE' })).status).toBe(204)
    const after = await api('/v1/me', { token: body.token })
    expect(after.status).toBe(401)
    expect(await after.json()).toMatchObject({ error: { code: 'unauthorized' } })
    expect((await api('/v1/admin/tokens/tok_nope', { method: 'DELETE' })).status).toBe(404)
  })

  it('expire at expiresAt, and an expiry in the past is refused with its path', async () => {
    expect(
      (await issue({ role: 'intake', name: 'old', expiresAt: '2020-01-01T00:00:00Z' })).body.error?.issues.map(
        (i) => i.path,
      ),
    ).toEqual(['expiresAt'])
    const { body } = await issue({
      role: 'intake',
      name: 'soon',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    })
    expect((await api('/v1/me', { token: body.token })).status).toBe(200)
    await db
      .update(tokens)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(tokens.id, body.id))
    expect((await api('/v1/me', { token: body.token })).status).toBe(401)
  })

  it('of a deactivated rep stop working at once, for reads and writes', async () => {
    const repId = await createRep('tok.rep@seller.test')
    const { body } = await issue({ role: 'rep', repId, name: 'rep' })
    expect((await api('/v1/me/queue', { token: body.token })).status).toBe(200)
    expect((await api(`/v1/admin/reps/${repId}`, { method: 'DELETE' })).status).toBe(200)
    expect((await api('/v1/me/queue', { token: body.token })).status).toBe(401)
    const touch = await api('/v1/leads/lead_any/touch', { token: body.token, json: { channel: 'call' } })
    expect(touch.status).toBe(401)
  })

  it('accept the scheme name in any case (RFC 6750) and refuse other schemes', async () => {
    const { body } = await issue({ role: 'intake', name: 'case' })
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      expect((await api('/v1/me', { token: null, headers: { Authorization: `${scheme} ${body.token}` } })).status).toBe(
        200,
      )
    }
    expect((await api('/v1/me', { token: null, headers: { Authorization: `Basic ${body.token}` } })).status).toBe(401)
  })
})

describe('the ADMIN_TOKEN bootstrap', () => {
  it('needs at least 32 characters and can be turned off', () => {
    expect(bootstrapEnabled({ ADMIN_TOKEN: 'x' })).toBe(false)
    expect(bootstrapEnabled({ ADMIN_TOKEN: 'a'.repeat(31) })).toBe(false)
    expect(bootstrapEnabled({ ADMIN_TOKEN: 'a'.repeat(32) })).toBe(true)
    expect(bootstrapEnabled({ ADMIN_TOKEN: 'a'.repeat(32), ADMIN_BOOTSTRAP: 'off' })).toBe(false)
    expect(bootstrapEnabled({})).toBe(false)
    expect(env.ADMIN_TOKEN!.length).toBeGreaterThanOrEqual(32) // the tests' own bootstrap is a valid one
  })
})
