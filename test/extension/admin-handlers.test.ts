import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeBrowser } from 'wxt/testing/fake-browser'
import { createApiClient } from '../../extension/background/api-client'
import { createAdminHandlers, isExtensionPage } from '../../extension/background/admin-handlers'
import { settings } from '../../extension/storage'
import { NOW, SAMPLE, SMALL, version } from './admin-fixtures'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const setup = (route: (url: URL, init: RequestInit) => Response) => {
  const calls: Array<{ url: URL; init: RequestInit }> = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input))
    calls.push({ url, init })
    return route(url, init)
  }) as unknown as typeof globalThis.fetch
  return { calls, handlers: createAdminHandlers(createApiClient({ fetch, getSettings: () => settings.getValue() })) }
}

beforeEach(async () => {
  fakeBrowser.reset()
  await settings.setValue({ serverUrl: 'http://127.0.0.1:8787', token: 'admin-token' })
})

describe('admin handlers', () => {
  it('reads the current criteria with the bearer token', async () => {
    const { calls, handlers } = setup(() => json(200, version(3, SMALL)))
    const res = await handlers.getCriteria(undefined)
    expect(res).toMatchObject({ ok: true, data: { version: 3, document: { thresholds: { sql: 60 } } } })
    expect(calls[0]!.url.pathname).toBe('/v1/admin/criteria')
    expect(new Headers(calls[0]!.init.headers).get('authorization')).toBe('Bearer admin-token')
  })

  it('sends a valid draft with its note and passes back the 422 issues of the worker', async () => {
    const { calls, handlers } = setup(() =>
      json(422, {
        error: {
          code: 'validation_failed',
          message: 'Invalid criteria',
          issues: [{ path: 'fit.0.points', message: 'Too big' }],
        },
      }),
    )
    const res = await handlers.putCriteria({ document: SMALL, note: 'raise VP', apply: 'open_leads_now' })
    expect(calls[0]!.init.method).toBe('PUT')
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({
      document: SMALL,
      note: 'raise VP',
      apply: 'open_leads_now',
    })
    expect(res).toEqual({
      ok: false,
      error: {
        status: 422,
        code: 'validation_failed',
        message: 'Invalid criteria',
        issues: [{ path: 'fit.0.points', message: 'Too big' }],
      },
    })
  })

  it('refuses invalid messages before calling the worker', async () => {
    const { calls, handlers } = setup(() => json(200, {}))
    const bad = { ...SMALL, thresholds: { mql: 50, sql: 10 } }
    const res = await handlers.putCriteria({ document: bad, note: 'x', apply: 'open_leads_now' })
    expect(res).toMatchObject({ ok: false, error: { status: 422, issues: [{ path: 'thresholds.sql' }] } })
    expect(await handlers.putCriteria({ document: SMALL, note: '   ', apply: 'open_leads_now' })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'note' }] },
    })
    // The mode is one of the two the worker knows, and it is never left to the worker's default.
    const noMode = { document: SMALL, note: 'x' } as Parameters<typeof handlers.putCriteria>[0]
    expect(await handlers.putCriteria(noMode)).toMatchObject({ ok: false, error: { issues: [{ path: 'apply' }] } })
    const badMode = { document: SMALL, note: 'x', apply: 'everything' } as unknown as typeof noMode
    expect(await handlers.putCriteria(badMode)).toMatchObject({ ok: false, error: { issues: [{ path: 'apply' }] } })
    expect(await handlers.getVersion(-1 as number)).toMatchObject({ ok: false, error: { status: 422 } })
    expect(
      await handlers.restoreVersion({ version: '1; drop' as unknown as number, apply: 'open_leads_now' }),
    ).toMatchObject({ ok: false })
    expect(await handlers.restoreVersion({ version: 1, apply: 'later' as unknown as 'open_leads_now' })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'apply' }] },
    })
    expect(await handlers.criteriaImpact(bad)).toMatchObject({ ok: false, error: { status: 422 } })
    expect(calls).toHaveLength(0)
  })

  it('reports a 403 for a non-admin token as a failure, not a throw', async () => {
    const { handlers } = setup(() =>
      json(403, { error: { code: 'forbidden', message: 'This route needs one of the roles: admin' } }),
    )
    expect(await handlers.listVersions(undefined)).toMatchObject({
      ok: false,
      error: { status: 403, code: 'forbidden' },
    })
  })

  it('lists versions, restores one and fetches the preview sample', async () => {
    const { calls, handlers } = setup((url) => {
      if (url.pathname.endsWith('/versions')) return json(200, { versions: [version(1, SMALL), version(2, SMALL)] })
      if (url.pathname.endsWith('/restore')) return json(201, version(3, SMALL))
      if (url.pathname.endsWith('/preview')) return json(200, { current: {}, sample: SAMPLE })
      return json(200, version(2, SMALL))
    })
    expect(await handlers.listVersions(undefined)).toMatchObject({ ok: true, data: [{ version: 1 }, { version: 2 }] })
    expect(await handlers.restoreVersion({ version: 1, apply: 'new_activity_only' })).toMatchObject({
      ok: true,
      data: { version: 3, job: null },
    })
    expect(calls.at(-1)!.url.pathname).toBe('/v1/admin/criteria/versions/1/restore')
    expect(JSON.parse(String(calls.at(-1)!.init.body))).toEqual({ apply: 'new_activity_only' })
    const sample = await handlers.previewSample({ limit: 100, document: SMALL })
    expect(sample.ok && sample.data.map((l) => l.id)).toEqual(SAMPLE.map((l) => l.id))
    expect(calls.at(-1)!.url.searchParams.get('limit')).toBe('100')
    expect(calls.at(-1)!.init.method).toBe('POST')
    expect(sample.ok && sample.data[2]!.events[0]!.occurredAt).toBeLessThan(NOW)
  })

  it('passes the job of a 202 save through and polls its progress on the job route only', async () => {
    const job = {
      id: 'cjob_01ab',
      version: 3,
      status: 'running',
      total: 10000,
      done: 3500,
      changed: 410,
      handedOff: 12,
      error: null,
      createdAt: new Date(NOW).toISOString(),
      updatedAt: new Date(NOW).toISOString(),
    }
    const { calls, handlers } = setup((url) => {
      if (url.pathname === '/v1/admin/criteria/jobs/cjob_01ab') return json(200, job)
      return json(202, { ...version(3, SMALL), apply: 'open_leads_now', job: { id: 'cjob_01ab', total: 10000 } })
    })
    expect(await handlers.putCriteria({ document: SMALL, note: 'raise VP', apply: 'open_leads_now' })).toMatchObject({
      ok: true,
      data: { version: 3, job: { id: 'cjob_01ab', total: 10000 } },
    })
    expect(await handlers.getCriteriaJob('cjob_01ab')).toEqual({ ok: true, data: job })
    expect(calls.at(-1)!.url.pathname).toBe('/v1/admin/criteria/jobs/cjob_01ab')
    // Only job ids reach the worker: nothing else can be smuggled into the path.
    expect(await handlers.getCriteriaJob('../../me')).toMatchObject({ ok: false, error: { status: 422 } })
    expect(calls).toHaveLength(2)
  })

  it('reads a save without a job (new activity only, or an older worker) as job null', async () => {
    const { calls, handlers } = setup(() => json(200, version(3, SMALL)))
    expect(await handlers.putCriteria({ document: SMALL, note: 'raise VP', apply: 'new_activity_only' })).toMatchObject(
      { ok: true, data: { version: 3, job: null } },
    )
    expect(JSON.parse(String(calls[0]!.init.body))).toMatchObject({ apply: 'new_activity_only' })
  })

  it("asks the worker for a draft's hand-off impact and passes its errors back", async () => {
    const impact = { openLeads: 120, changed: 9, handOffs: 7, alerts: 7, leadIds: ['lead_1'] }
    const { calls, handlers } = setup(() => json(200, { impact }))
    expect(await handlers.criteriaImpact(SMALL)).toEqual({ ok: true, data: impact })
    expect(calls[0]!.url.pathname).toBe('/v1/admin/criteria/impact')
    expect(calls[0]!.init.method).toBe('POST')
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ document: SMALL })
    const failing = setup(() => json(503, { error: { code: 'unavailable', message: 'Try again' } }))
    expect(await failing.handlers.criteriaImpact(SMALL)).toMatchObject({
      ok: false,
      error: { status: 503, code: 'unavailable' },
    })
  })

  it('takes admin messages only from the extension pages', () => {
    const base = 'chrome-extension://abc/'
    expect(isExtensionPage({ id: fakeBrowser.runtime.id, url: `${base}popup.html` }, base)).toBe(true)
    expect(isExtensionPage({ id: fakeBrowser.runtime.id, url: 'https://www.linkedin.com/in/x' }, base)).toBe(false)
    expect(isExtensionPage({ id: 'other-extension', url: `${base}popup.html` }, base)).toBe(false)
  })
})
