import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeBrowser } from 'wxt/testing/fake-browser'
import { createAdminHandlers } from '../../extension/background/admin-handlers'
import { createApiClient } from '../../extension/background/api-client'
import { settings } from '../../extension/storage'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const me = (role: string) => ({ role, name: 'Mia', rep: null })
const BOARD = { now: '2026-12-04T09:00:00.000Z', reps: [], totals: { open: 0, dueSoon: 0, overdue: 0 } }

const setup = (role: string, route: (url: URL, init: RequestInit) => Response = () => json(200, BOARD)) => {
  const calls: Array<{ url: URL; init: RequestInit }> = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input))
    calls.push({ url, init })
    return url.pathname === '/v1/me' ? json(200, me(role)) : route(url, init)
  }) as unknown as typeof globalThis.fetch
  const handlers = createAdminHandlers(createApiClient({ fetch, getSettings: () => settings.getValue() }))
  return { calls, request: handlers.managerRequest, worker: () => calls.filter((c) => c.url.pathname !== '/v1/me') }
}

beforeEach(async () => {
  fakeBrowser.reset()
  await settings.setValue({ serverUrl: 'http://127.0.0.1:8787', token: 'manager-token' })
})

describe('managerRequest (background)', () => {
  it('relays an allowed GET with the stored token and parses the answer', async () => {
    const { request, worker } = setup('manager')
    expect(await request({ kind: 'get', name: 'board' })).toEqual({ ok: true, data: BOARD })
    expect(worker()[0]!.url.pathname).toBe('/v1/manager/board')
    expect(new Headers(worker()[0]!.init.headers).get('authorization')).toBe('Bearer manager-token')
  })

  it('checks a report query with its shared schema and sends it as the query string', async () => {
    const { request, worker } = setup('admin', () => json(500, { error: { code: 'x', message: 'x' } }))
    await request({ kind: 'get', name: 'funnel', query: { from: '2026-11-01', to: '2026-12-01', groupBy: 'campaign' } })
    expect(worker()[0]!.url.pathname).toBe('/v1/reports/funnel')
    expect(worker()[0]!.url.searchParams.get('groupBy')).toBe('campaign')
    const bad = await request({ kind: 'get', name: 'funnel', query: { from: '2026-12-02', to: '2026-12-01' } })
    expect(bad).toMatchObject({ ok: false, error: { status: 422 } })
    expect(worker()).toHaveLength(1)
  })

  it('rejects an unknown path, a path smuggled in, and a query on a route without one', async () => {
    const { request, worker } = setup('manager')
    for (const req of [
      { kind: 'get', name: 'adminTokens' },
      { kind: 'get', path: '/v1/admin/tokens' },
      { kind: 'delete', name: 'board' },
      { kind: 'get', name: 'board', query: { x: '1' } },
    ]) {
      expect(await request(req as never)).toMatchObject({ ok: false, error: { status: 422 } })
    }
    expect(worker()).toHaveLength(0)
  })

  it('reads the pools (names only) for the reassign form, and drops any other field the answer carries', async () => {
    const { request, worker } = setup('manager', () =>
      json(200, { pools: [{ id: 'pool_1', name: 'DACH', rrState: { rep_a: 1 } }] }),
    )
    expect(await request({ kind: 'get', name: 'pools' })).toEqual({
      ok: true,
      data: { pools: [{ id: 'pool_1', name: 'DACH' }] },
    })
    expect(worker()[0]!.url.pathname).toBe('/v1/manager/pools')
  })

  it('refuses a rep token before calling the worker path', async () => {
    const { request, worker } = setup('rep')
    expect(await request({ kind: 'get', name: 'queue' })).toMatchObject({ ok: false, error: { status: 403 } })
    expect(worker()).toHaveLength(0)
  })

  it('posts a valid reassignment and rejects a body with both rep and pool', async () => {
    const { request, worker } = setup('manager', () => json(500, { error: { code: 'x', message: 'x' } }))
    const bad = await request({
      kind: 'reassign',
      leadId: 'lead_1',
      body: { repId: 'rep_a', poolId: 'pool_b', reason: 'x' },
    })
    expect(bad).toMatchObject({ ok: false, error: { status: 422 } })
    expect(worker()).toHaveLength(0)
    await request({ kind: 'reassign', leadId: 'lead/1', body: { repId: 'rep_ana', reason: 'Ben is out' } })
    expect(worker()[0]!.init.method).toBe('POST')
    expect(worker()[0]!.url.pathname).toBe('/v1/leads/lead%2F1/reassign')
  })
})
