import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeBrowser } from 'wxt/testing/fake-browser'
import { createAdminHandlers } from '../../extension/background/admin-handlers'
import { createApiClient } from '../../extension/background/api-client'
import { settings } from '../../extension/storage'
import { ANA, SLACK } from './console-fixtures'

const json = (status: number, body: unknown) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  })

const setup = (route: (url: URL, init: RequestInit) => Response) => {
  const calls: Array<{ url: URL; init: RequestInit }> = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input))
    calls.push({ url, init })
    return route(url, init)
  }) as unknown as typeof globalThis.fetch
  const handlers = createAdminHandlers(createApiClient({ fetch, getSettings: () => settings.getValue() }))
  return { calls, request: handlers.adminRequest }
}

const { id: _id, ...ANA_INPUT } = ANA

beforeEach(async () => {
  fakeBrowser.reset()
  await settings.setValue({ serverUrl: 'http://127.0.0.1:8787', token: 'admin-token' })
})

describe('adminRequest (background)', () => {
  it('lists a resource and parses the answer with its schema', async () => {
    const { calls, request } = setup(() => json(200, { reps: [ANA] }))
    expect(await request({ resource: 'reps', action: 'list' })).toEqual({ ok: true, data: [ANA] })
    expect(calls[0]!.url.pathname).toBe('/v1/admin/reps')
    expect(new Headers(calls[0]!.init.headers).get('authorization')).toBe('Bearer admin-token')
  })

  it('sends a valid body with PUT to the item path and relays the worker 422 issues', async () => {
    const { calls, request } = setup(() =>
      json(422, {
        error: {
          code: 'validation_failed',
          message: 'Invalid',
          issues: [{ path: 'calendarId', message: 'No calendar' }],
        },
      }),
    )
    const res = await request({ resource: 'reps', action: 'update', id: 'rep_ana', body: ANA_INPUT })
    expect(calls[0]!.init.method).toBe('PUT')
    expect(calls[0]!.url.pathname).toBe('/v1/admin/reps/rep_ana')
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual(ANA_INPUT)
    expect(res).toEqual({
      ok: false,
      error: {
        status: 422,
        code: 'validation_failed',
        message: 'Invalid',
        issues: [{ path: 'calendarId', message: 'No calendar' }],
      },
    })
  })

  it('refuses a body the shared schema rejects, with its paths, before anything is sent', async () => {
    const { calls, request } = setup(() => json(201, {}))
    const res = await request({ resource: 'reps', action: 'create', body: { ...ANA_INPUT, email: 'nope', weight: 0 } })
    expect(calls).toHaveLength(0)
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error.issues.map((i) => i.path).sort()).toEqual(['email', 'weight'])
  })

  it('refuses unknown resources, path-like ids and actions a resource does not have', async () => {
    const { calls, request } = setup(() => json(200, {}))
    for (const bad of [
      { resource: 'criteria', action: 'list' },
      { resource: 'reps', action: 'remove', id: '../criteria' },
      { resource: 'reps', action: 'remove', id: 'a/b' },
      { resource: 'reps', action: 'test', id: 'rep_ana' },
      { resource: 'tokens', action: 'update', id: 'tok_1', body: { role: 'admin', name: 'x' } },
      { resource: 'reps', action: 'list', extra: 1 },
    ]) {
      const res = await request(bad as never)
      expect(res.ok, JSON.stringify(bad)).toBe(false)
    }
    expect(calls).toHaveLength(0)
  })

  it('deletes (204), sends a channel test, rotates a source and reads a token shown once', async () => {
    const { calls, request } = setup((url, init) => {
      if (init.method === 'DELETE') return json(204, null)
      if (url.pathname.endsWith('/test')) return json(200, { test: { delivered: true, error: null } })
      if (url.pathname.endsWith('/rotate'))
        return json(200, {
          source: {
            id: 's1',
            key: 's1',
            kind: 'typeform',
            name: 'TF',
            source: 'typeform',
            campaign: null,
            redirectUrl: null,
            active: true,
            webhookPath: '/v1/webhooks/s1',
            secret: 'new',
          },
        })
      return json(201, { id: 'tok_1', token: 'hk_rep_x', role: 'rep', repId: 'rep_ana', name: 'Ana', expiresAt: null })
    })
    expect(await request({ resource: 'tokens', action: 'remove', id: 'tok_1' })).toEqual({ ok: true, data: null })
    expect(calls[0]!.url.pathname).toBe('/v1/admin/tokens/tok_1')
    expect(await request({ resource: 'channels', action: 'test', id: SLACK.id })).toEqual({
      ok: true,
      data: { delivered: true, error: null },
    })
    expect(calls[1]!.url.pathname).toBe('/v1/admin/channels/chn_slack/test')
    expect(calls[1]!.init.method).toBe('POST')
    const rotated = await request({ resource: 'sources', action: 'rotate', id: 's1', body: {} })
    expect(rotated).toMatchObject({ ok: true, data: { secret: 'new' } })
    const issued = await request({
      resource: 'tokens',
      action: 'create',
      body: { role: 'rep', repId: 'rep_ana', name: 'Ana' },
    })
    expect(issued).toMatchObject({ ok: true, data: { id: 'tok_1', token: 'hk_rep_x' } })
  })
})
