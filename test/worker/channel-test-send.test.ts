/**
 * `POST /v1/admin/channels/:id/test`: a sample alert through the channel's real delivery path (Slack Block Kit,
 * a signed Standard Webhooks message, the log), answered with whether it arrived; nothing enters the outbox,
 * and only admins may send one.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Webhook } from 'standardwebhooks'
import { channel } from './assignment-fixtures'
import { api, issueToken } from './helpers'

const SECRET = `whsec_${btoa('handoff-test-secret-0123456789ab')}`

/** Records what the channel's receiver got and answers with `status`. */
const receiver = (status: number) => {
  const got: Array<{ url: string; headers: Record<string, string>; body: string }> = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    // Read inside the call: the request's body belongs to the worker's request context.
    const req = new Request(input as RequestInfo, init as RequestInit)
    got.push({ url: req.url, headers: Object.fromEntries(req.headers), body: await req.text() })
    return new Response(status === 204 ? null : 'x', { status })
  })
  return got
}

const test = (id: string, token?: string) => api(`/v1/admin/channels/${id}/test`, { method: 'POST', json: {}, token })

describe('channel test send', () => {
  afterEach(() => vi.restoreAllMocks())

  it('posts a Slack message about a sample lead and says it was delivered', async () => {
    const slack = await channel({ name: 'Sales', kind: 'slack', url: 'https://hooks.slack.test/services/T/B/X' })
    const got = receiver(200)
    const res = await test(slack.id)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ test: { delivered: true, error: null } })
    expect(got).toHaveLength(1)
    expect(got[0]!.url).toBe('https://hooks.slack.test/services/T/B/X')
    const { body } = got[0]!
    expect(body).toContain('Test alert from Handoff')
    expect(JSON.parse(body).blocks).toBeInstanceOf(Array)
    const alerts = (await (await api('/v1/admin/alerts')).json()) as { alerts: unknown[] }
    expect(alerts.alerts).toHaveLength(0)
  })

  it('signs a webhook test like a real alert, with a fresh message id each time', async () => {
    const hook = await channel({ name: 'CRM', kind: 'webhook', url: 'https://crm.test/hook', secret: SECRET })
    const got = receiver(204)
    expect(await (await test(hook.id)).json()).toEqual({ test: { delivered: true, error: null } })
    expect(await (await test(hook.id)).json()).toEqual({ test: { delivered: true, error: null } })
    const [a, b] = got
    expect(() => new Webhook(SECRET).verify(a!.body, a!.headers)).not.toThrow()
    expect(JSON.parse(a!.body).data.lead.email).toBe('test.lead@example.com')
    expect(a!.headers['webhook-id']).not.toBe(b!.headers['webhook-id'])
  })

  it('reports a receiver that refuses the message, without a 5xx of its own', async () => {
    const teams = await channel({ name: 'Teams', kind: 'teams', url: 'https://teams.test/hook' })
    receiver(404)
    const res = await test(teams.id)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      test: { delivered: false, error: `HTTP 404 from teams channel ${teams.id}` },
    })
  })

  it('writes a log channel test to the log', async () => {
    const log = await channel({ name: 'Demo log', kind: 'log' })
    const fetch = receiver(200)
    const lines = vi.spyOn(console, 'log').mockImplementation(() => {})
    expect(await (await test(log.id)).json()).toEqual({ test: { delivered: true, error: null } })
    expect(fetch).toHaveLength(0)
    expect(lines.mock.calls.flat().join('\n')).toMatch(/\[alert\] test → Demo log: Test alert from Handoff/)
  })

  it('answers 404 for an unknown channel and 403 to a manager', async () => {
    expect((await test('chn_missing')).status).toBe(404)
    const log = await channel({ name: 'Other log', kind: 'log' })
    expect((await test(log.id, await issueToken('intake'))).status).toBe(403)
  })
})
