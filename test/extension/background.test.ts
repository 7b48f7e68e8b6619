import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeBrowser } from 'wxt/testing/fake-browser'
import { ApiFailure, createApiClient } from '../../extension/background/api-client'
import { BADGE_AMBER, BADGE_RED, badgeFor } from '../../extension/background/badge'
import { countAt, countsNow } from '../../extension/lib/sla'
import { UNDO_MS } from '../../extension/background/pending-actions'
import { createHandlers, registerHandlers } from '../../extension/background/handlers'
import { POLL_ALARM, RECOUNT_ALARM, createQueueSync, nextPollMinutes } from '../../extension/background/queue-sync'
import { Queue } from '../../shared/schemas/lead'
import { onMessage, sendMessage } from '../../extension/messaging'
import { cachedQueue, connection, notifiedLeadIds, settings } from '../../extension/storage'
import { makeBrief, makeQueue } from './support/brief'

const T0 = Date.parse('2026-11-23T10:00:00Z')
const MIN = 60_000
const TOKEN = 'rep-secret-token-123'

const overdue = makeBrief(
  { id: 'lead_a' },
  { startedAt: T0 - 70 * MIN, dueSoonAt: T0 - 20 * MIN, dueAt: T0 - 10 * MIN },
)
const dueSoon = makeBrief({ id: 'lead_b' }, { startedAt: T0 - 50 * MIN, dueSoonAt: T0 - 1 * MIN, dueAt: T0 + 10 * MIN })
const running = makeBrief({ id: 'lead_c' }, { startedAt: T0, dueSoonAt: T0 + 48 * MIN, dueAt: T0 + 60 * MIN })

type Route = (url: URL, init: RequestInit) => Response | Promise<Response>
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const setup = (route: Route, now = () => T0) => {
  const calls: { url: URL; init: RequestInit }[] = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input))
    calls.push({ url, init })
    return route(url, init)
  }) as unknown as typeof globalThis.fetch
  const api = createApiClient({ fetch, getSettings: () => settings.getValue() })
  const sync = createQueueSync({
    api,
    alarms: fakeBrowser.alarms,
    action: fakeBrowser.action,
    notifications: fakeBrowser.notifications as never,
    now,
  })
  const handlers = createHandlers({ api, sync, now })
  return { calls, api, sync, handlers }
}

beforeEach(async () => {
  fakeBrowser.reset()
  await settings.setValue({ serverUrl: 'http://127.0.0.1:8787', token: TOKEN })
})

describe('badge', () => {
  it.each([
    ['overdue leads on red', [overdue, dueSoon, running], { text: '1', color: BADGE_RED }],
    ['due-soon leads on amber when none overdue', [dueSoon, running], { text: '1', color: BADGE_AMBER }],
    ['nothing when all are running', [running], { text: '', color: null }],
  ])('shows %s', (_, leads, expected) => {
    const badge = badgeFor(countsNow(makeQueue(leads, undefined, T0), T0), 'ok')
    expect(badge).toMatchObject(expected)
    expect(badge.title).toMatch(/Handoff/)
  })

  it('recounts at the crossing without a poll', () => {
    const q = makeQueue([running], undefined, T0)
    expect(badgeFor(countsNow(q, T0 + 48 * MIN), 'ok')).toMatchObject({ text: '1', color: BADGE_AMBER })
    expect(badgeFor(countsNow(q, T0 + 60 * MIN), 'ok')).toMatchObject({ text: '1', color: BADGE_RED })
    expect(badgeFor(countsNow(q, T0 + 60 * MIN), 'ok').title).toMatch(/1 lead overdue/)
  })

  it("counts from the server's totals, not the capped list, and moves them on by the listed leads' crossings", () => {
    // 140 open on the server, 7 overdue and 2 due soon; the list carries only the most urgent few.
    const q = makeQueue([overdue, dueSoon, running], { open: 140, overdue: 7, dueSoon: 2 }, T0)
    expect(countsNow(q, T0)).toEqual({ open: 140, overdue: 7, dueSoon: 2 })
    expect(badgeFor(countsNow(q, T0), 'ok')).toMatchObject({ text: '7', color: BADGE_RED })
    // `running` turns amber at T0 + 48 min, red at T0 + 60; `dueSoon` turns red in between.
    const later = countsNow(q, T0 + 60 * MIN)
    const listed = { then: countAt(q.leads, T0), now: countAt(q.leads, T0 + 60 * MIN) }
    expect(later.overdue).toBe(7 + listed.now.overdue - listed.then.overdue)
    expect(later.overdue).toBeGreaterThan(7)
    expect(later.dueSoon).toBe(Math.max(0, 2 + listed.now.dueSoon - listed.then.dueSoon))
  })

  it('says signed out in the tooltip, with no number', () => {
    expect(badgeFor({ overdue: 3, dueSoon: 0 }, 'signed_out')).toMatchObject({
      text: '',
      title: expect.stringMatching(/signed out/),
    })
  })
})

describe('queue polling', () => {
  it('stores the queue, sets the badge and schedules the next poll and the recount', async () => {
    const queue = makeQueue([overdue, dueSoon, running], { open: 3, dueSoon: 1, overdue: 1 }, T0)
    const { sync, calls } = setup(() => json(200, queue))
    expect(await sync.refresh()).toBe('ok')
    expect(calls[0]!.url.pathname).toBe('/v1/me/queue')
    expect(new Headers(calls[0]!.init.headers).get('authorization')).toBe(`Bearer ${TOKEN}`)
    expect((await cachedQueue.getValue())?.queue.leads.map((l) => l.id)).toEqual(['lead_a', 'lead_b', 'lead_c'])
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1')
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xd9, 0x30, 0x25, 255])
    expect((await fakeBrowser.alarms.get(POLL_ALARM))?.scheduledTime).toBe(T0 + MIN)
    // Next crossing: lead_b goes red at T0 + 10 min.
    expect((await fakeBrowser.alarms.get(RECOUNT_ALARM))?.scheduledTime).toBe(T0 + 10 * MIN + 500)
  })

  it('backs off on errors and when signed out', async () => {
    let status = 503
    const { sync } = setup(() => json(status, { error: { code: 'internal_error', message: 'down' } }))
    const delays: number[] = []
    for (let i = 0; i < 4; i++) {
      expect(await sync.refresh()).toBe('server_down')
      delays.push(((await fakeBrowser.alarms.get(POLL_ALARM))!.scheduledTime - T0) / MIN)
    }
    expect(delays).toEqual([1, 2, 4, 8])
    status = 401
    expect(await sync.refresh()).toBe('signed_out')
    expect(((await fakeBrowser.alarms.get(POLL_ALARM))!.scheduledTime - T0) / MIN).toBe(15)
    expect(nextPollMinutes('server_down', 20)).toBe(30)
    expect(await connection.getValue()).toBe('signed_out')
  })

  it('waits 15 minutes and asks for setup when there is no token', async () => {
    await settings.setValue({ serverUrl: '', token: '' })
    const { sync, calls } = setup(() => json(200, {}))
    expect(await sync.refresh()).toBe('unconfigured')
    expect(calls).toHaveLength(0)
    expect(await fakeBrowser.action.getTitle({})).toMatch(/not set up/)
  })

  it('rejects an answer that is not a queue', async () => {
    const { sync } = setup(() => json(200, { leads: 'nope' }))
    expect(await sync.refresh()).toBe('server_down')
  })

  it('notifies each newly assigned lead once, after the first poll seeds the known ids', async () => {
    let leads = [overdue]
    const { sync } = setup(() => json(200, makeQueue(leads)))
    const create = vi.spyOn(fakeBrowser.notifications, 'create')
    await sync.refresh()
    expect(create).not.toHaveBeenCalled()
    leads = [overdue, running]
    await sync.refresh()
    await sync.refresh()
    expect(create).toHaveBeenCalledTimes(1)
    expect(create.mock.calls[0]![0]).toBe('handoff-lead:lead_c')
    expect(await notifiedLeadIds.getValue()).toContain('lead_c')
  })
})

describe('messages', () => {
  const lead = makeBrief({ id: 'lead_x' }, { startedAt: T0, dueSoonAt: T0 + 48 * MIN, dueAt: T0 + 60 * MIN })

  it('validates payloads and refuses bad ones without calling the server', async () => {
    const { handlers, calls } = setup(() => json(200, { lead }))
    for (const bad of [
      undefined,
      { site: 'evil', lookup: { linkedin: 'x' } },
      { site: 'linkedin', lookup: { linkedin: 'x', crm: 'y' } },
      { site: 'linkedin', lookup: { email: 'not-an-email' } },
      { site: 'linkedin', lookup: { linkedin: 'a'.repeat(5000) } },
    ]) {
      await expect(handlers.lookupLead(bad)).rejects.toThrow(/Invalid message/)
    }
    await expect(handlers.logTouch({ leadId: '../admin', channel: 'call' })).rejects.toThrow(/Invalid message/)
    await expect(handlers.logTouch({ leadId: 'lead_x', channel: 'carrier-pigeon' })).rejects.toThrow(/Invalid message/)
    await expect(handlers.setDisposition({ leadId: 'lead_x', outcome: 'disqualified' })).rejects.toThrow(/reason/)
    await expect(handlers.getState({ token: 'x' })).rejects.toThrow(/Invalid message/)
    expect(calls).toHaveLength(0)
  })

  it('rejects a bad payload sent through the real messenger', async () => {
    const { handlers } = setup(() => json(200, { lead }))
    registerHandlers(onMessage, handlers)
    await expect(sendMessage('logTouch', { leadId: 'x y', channel: 'call' })).rejects.toThrow(/Invalid message/)
    await expect(
      sendMessage('lookupLead', { site: 'linkedin', lookup: { linkedin: 'jane-doe' } }),
    ).resolves.toMatchObject({ kind: 'lead' })
  })

  it('caches lookups for a short time', async () => {
    let now = T0
    const { handlers, calls } = setup(
      () => json(200, { lead }),
      () => now,
    )
    await connection.setValue('ok')
    const id = { site: 'linkedin', lookup: { linkedin: 'jane-doe' } }
    expect(await handlers.lookupLead(id)).toMatchObject({ kind: 'lead', lead: { id: 'lead_x' } })
    await handlers.lookupLead(id)
    expect(calls).toHaveLength(1)
    expect(calls[0]!.url.search).toBe('?linkedin=jane-doe')
    now += 61_000
    await handlers.lookupLead(id)
    expect(calls).toHaveLength(2)
  })

  it('serves no cached brief once the token is refused, and forgets every lookup when the settings change', async () => {
    let revoked = false
    const { handlers, sync, calls } = setup((url) =>
      revoked
        ? json(401, { error: { code: 'unauthorized', message: 'Token revoked' } })
        : url.pathname === '/v1/me/queue'
          ? json(200, makeQueue([]))
          : json(200, { lead }),
    )
    const id = { site: 'linkedin', lookup: { linkedin: 'jane-doe' } }
    expect(await sync.refresh()).toBe('ok')
    expect(await handlers.lookupLead(id)).toMatchObject({ kind: 'lead' })
    revoked = true
    expect(await sync.refresh()).toBe('signed_out')
    expect(await handlers.lookupLead(id)).toMatchObject({ kind: 'signed_out' })
    // A new token: the poll succeeds, and the lead is fetched again with it rather than from the cache.
    revoked = false
    expect(await sync.refresh()).toBe('ok')
    await handlers.lookupLead(id)
    const lookups = () => calls.filter((c) => c.url.pathname === '/v1/leads/lookup').length
    expect(lookups()).toBe(3)
    await settings.setValue({ serverUrl: 'http://127.0.0.1:8787', token: 'hk_someone_else' })
    await vi.waitFor(async () => {
      await handlers.lookupLead(id)
      expect(lookups()).toBe(4)
    })
  })

  it('maps 404, 401 and network errors to states', async () => {
    let mode: 'missing' | 'refused' | 'down' = 'missing'
    const { handlers } = setup(() => {
      if (mode === 'down') throw new TypeError('Failed to fetch')
      return mode === 'missing'
        ? json(404, { error: { code: 'not_found', message: 'No lead' } })
        : json(401, { error: { code: 'unauthorized', message: 'Bad token' } })
    })
    expect(await handlers.lookupLead({ site: 'hubspot', lookup: { crm: 'hubspot:1' } })).toEqual({ kind: 'not_found' })
    mode = 'refused'
    expect(await handlers.lookupLead({ site: 'hubspot', lookup: { crm: 'hubspot:2' } })).toMatchObject({
      kind: 'signed_out',
    })
    mode = 'down'
    expect(await handlers.lookupLead({ site: 'hubspot', lookup: { crm: 'hubspot:3' } })).toMatchObject({
      kind: 'server_down',
    })
  })

  it('logs a touch, then refreshes queue and badge before answering', async () => {
    let touched = false
    const { handlers, calls, sync } = setup((url, init) => {
      if (url.pathname.endsWith('/touch')) {
        expect(JSON.parse(String(init.body))).toEqual({ channel: 'email' })
        touched = true
        const met = { ...lead, sla: { ...lead.sla, metAt: new Date(T0).toISOString(), state: 'met' } }
        return json(201, { touch: { id: 't1', first: true, at: new Date(T0).toISOString() }, lead: met })
      }
      return json(200, makeQueue(touched ? [] : [overdue]))
    })
    await sync.refresh()
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1')
    calls.length = 0
    const result = await handlers.logTouch({ leadId: 'lead_x', channel: 'email' })
    expect(result).toMatchObject({ kind: 'ok', lead: { sla: { state: 'met' } } })
    expect(calls.map((c) => c.url.pathname)).toEqual(['/v1/leads/lead_x/touch', '/v1/me/queue'])
    expect(await fakeBrowser.action.getBadgeText({})).toBe('')
  })

  it('holds an undoable action for the undo window: undone, nothing is sent; not undone, it is sent once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const { handlers, calls } = setup((url) =>
        url.pathname === '/v1/me/queue' ? json(200, makeQueue([])) : json(201, { lead }),
      )
      const touches = () => calls.filter((c) => c.url.pathname.endsWith('/touch')).length
      const taken = handlers.logTouch({
        leadId: 'lead_x',
        channel: 'call',
        note: 'Left a voicemail',
        actionId: 'act_1',
      })
      await vi.advanceTimersByTimeAsync(UNDO_MS - 100)
      expect(await handlers.undoAction({ actionId: 'act_1' })).toEqual({ undone: true })
      expect(await taken).toEqual({ kind: 'undone' })
      await vi.advanceTimersByTimeAsync(UNDO_MS)
      expect(touches()).toBe(0)

      const kept = handlers.logTouch({ leadId: 'lead_x', channel: 'call', note: 'Left a voicemail', actionId: 'act_2' })
      await vi.advanceTimersByTimeAsync(UNDO_MS - 100)
      expect(touches()).toBe(0) // still waiting
      await vi.advanceTimersByTimeAsync(200)
      expect(await kept).toMatchObject({ kind: 'ok', lead: { id: 'lead_x' } })
      expect(touches()).toBe(1)
      expect(JSON.parse(String(calls.find((c) => c.url.pathname.endsWith('/touch'))!.init.body))).toEqual({
        channel: 'call',
        note: 'Left a voicemail',
      })
      expect(await handlers.undoAction({ actionId: 'act_2' })).toEqual({ undone: false }) // too late
    } finally {
      vi.useRealTimers()
    }
  })

  it('reads a queue tab on demand by its view, and refuses any other view before the server', async () => {
    const { handlers, calls } = setup((url) =>
      url.pathname === '/v1/me/queue' ? json(200, makeQueue([overdue])) : json(404, {}),
    )
    expect(await handlers.getQueueTab({ view: 'follow_up' })).toMatchObject({
      kind: 'queue',
      queue: { leads: [{ id: overdue.id }] },
    })
    expect(calls.map((c) => `${c.url.pathname}${c.url.search}`)).toEqual(['/v1/me/queue?view=follow_up'])
    await expect(handlers.getQueueTab({ view: 'all&x=1' })).rejects.toThrow(/Invalid message/)
    expect(calls).toHaveLength(1)
  })

  it('never hands the token to a content script', async () => {
    const { handlers, sync } = setup((url) =>
      url.pathname === '/v1/me/queue'
        ? json(200, makeQueue([overdue]))
        : url.pathname === '/v1/me'
          ? json(200, { role: 'rep', name: 'Sam', rep: null })
          : json(200, { lead }),
    )
    await sync.refresh()
    const answers = [
      await handlers.getState(undefined),
      await handlers.getQueue(undefined),
      await handlers.lookupLead({ site: 'linkedin', lookup: { linkedin: 'jane-doe' } }),
      await handlers.logTouch({ leadId: 'lead_x', channel: 'call' }),
      await handlers.setDisposition({ leadId: 'lead_x', outcome: 'accepted' }),
      await handlers.testConnection(undefined),
    ]
    const text = JSON.stringify(answers)
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain('127.0.0.1')
  })
})

describe('api client', () => {
  it('parses the error envelope into ApiFailure', async () => {
    const { api } = setup(() =>
      json(422, { error: { code: 'validation_failed', message: 'Bad', issues: [{ path: 'channel', message: 'x' }] } }),
    )
    const err = await api.request('/v1/leads/a/touch', { method: 'POST', json: {}, schema: Queue }).catch((e) => e)
    expect(err).toBeInstanceOf(ApiFailure)
    expect(err).toMatchObject({
      status: 422,
      code: 'validation_failed',
      message: 'Bad',
      issues: [{ path: 'channel', message: 'x' }],
    })
  })
})

describe('refresh during a poll', () => {
  it('polls once more with the settings saved meanwhile', async () => {
    await settings.setValue({ serverUrl: '', token: '' })
    const { sync, calls } = setup(() => json(200, makeQueue([overdue])))
    const first = sync.refresh()
    await settings.setValue({ serverUrl: 'http://127.0.0.1:8787', token: TOKEN })
    const second = sync.refresh()
    const third = sync.refresh()
    expect(await first).toBe('unconfigured')
    expect(await second).toBe('ok')
    expect(await third).toBe('ok')
    expect(calls).toHaveLength(1)
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1')
  })
})
