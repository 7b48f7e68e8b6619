import { env } from 'cloudflare:test'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { handOff } from '../../worker/domain/handoff'
import { api } from './helpers'
import { MIN, channel, ctxAt, lead, policy, pool, reset, rep, rule, tick } from './assignment-fixtures'

const T0 = Date.UTC(2026, 10, 23, 15, 0)
const HOOK = 'http://127.0.0.1:9/receiver'
const SECRET_BYTES = 'handoff-test-secret-0123456789ab'
const SECRET = `whsec_${btoa(SECRET_BYTES)}`

type Received = { url: string; headers: Headers; body: string; status: number }

/** A stand-in receiver: outbound fetch from the worker (same isolate) is answered here with scripted statuses. */
const receiver = (statuses: number[]) => {
  const received: Received[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const req = new Request(input as RequestInfo, init as RequestInit)
    const status = statuses.length > 1 ? statuses.shift()! : statuses[0]!
    received.push({ url: req.url, headers: req.headers, body: await req.text(), status })
    return new Response(status < 300 ? 'ok' : 'boom', { status })
  })
  return received
}

const setup = async (kind: 'slack' | 'teams' | 'webhook', leadOver: Parameters<typeof lead>[0] = {}) => {
  const ch = await channel({ name: kind, kind, url: HOOK, secret: kind === 'webhook' ? SECRET : null })
  const r = await rep('Ana Ruiz', { channelId: ch.id })
  const p = await pool('P', [{ repId: r.id }])
  await rule({ name: 'all', kind: 'default', position: 1, poolId: p.id })
  await policy({ name: 'SQL', position: 0, durationMinutes: 60, businessHours: false, warnings: [] }) // only the 'assigned' alert before the breach
  const id = await lead(leadOver)
  return { id, rep: r, ch }
}

const alertRow = (leadId: string, milestone = 'assigned') =>
  env.DB.prepare('SELECT * FROM alerts WHERE lead_id = ? AND milestone = ?').bind(leadId, milestone).first<{
    id: string
    state: string
    attempts: number
    next_attempt_at: number | null
    last_error: string | null
  }>()

describe('alert outbox delivery', () => {
  beforeEach(reset)
  // Retry jitter at its 0 end: the full 1, 2, 4… minute steps (jitter itself: alerts-delivery.test.ts).
  beforeEach(() => void vi.spyOn(Math, 'random').mockReturnValue(0))
  afterEach(() => vi.restoreAllMocks())

  it('delivers exactly once to a receiver answering 500 then 200 (cron retry after the backoff)', async () => {
    const got = receiver([500, 200])
    const { id } = await setup('webhook')
    await handOff(ctxAt(T0), id) // immediate attempt fails
    expect(got).toHaveLength(1)
    expect(await alertRow(id)).toMatchObject({
      state: 'pending',
      attempts: 1,
      next_attempt_at: T0 + MIN,
      last_error: expect.stringContaining('500'),
    })
    await tick(T0 + 30_000) // not yet due
    expect(got).toHaveLength(1)
    await Promise.all([tick(T0 + MIN), tick(T0 + MIN)])
    await tick(T0 + 2 * MIN)
    await tick(T0 + 59 * MIN)
    expect(got.map((r) => r.status)).toEqual([500, 200])
    expect(got[0]!.headers.get('webhook-id')).toBe(got[1]!.headers.get('webhook-id')) // same message id on retry
    expect(await alertRow(id)).toMatchObject({ state: 'sent', attempts: 2 })
  })

  it('backs off 1, 2, 4, 8, 16 minutes, fails after 6 attempts, lists it, and delivers on an admin retry', async () => {
    const got = receiver([503])
    const { id } = await setup('slack')
    await handOff(ctxAt(T0), id)
    let at = T0
    for (const wait of [1, 2, 4, 8, 16]) {
      await tick(at + wait * MIN - 1000) // a second early: nothing
      at += wait * MIN
      await tick(at)
    }
    expect(got).toHaveLength(6)
    const row = (await alertRow(id))!
    expect(row).toMatchObject({ state: 'failed', attempts: 6, next_attempt_at: null })
    await tick(at + 20 * MIN) // still before the breach at T0 + 60 min
    expect(got).toHaveLength(6)
    const failed = (await (await api('/v1/admin/alerts?state=failed')).json()) as {
      alerts: Array<{ id: string; leadId: string }>
    }
    expect(failed.alerts.map((a) => a.id)).toEqual([row.id])
    vi.restoreAllMocks()
    const ok = receiver([200])
    const retry = await api(`/v1/admin/alerts/${row.id}/retry`, { method: 'POST' })
    expect(retry.status).toBe(200)
    expect(await retry.json()).toMatchObject({ alert: { id: row.id, state: 'sent', attempts: 1 } })
    expect(ok).toHaveLength(1)
    expect((await api(`/v1/admin/alerts/${row.id}/retry`, { method: 'POST' })).status).toBe(409)
    expect((await (await api('/v1/admin/alerts?state=failed')).json()) as object).toEqual({ alerts: [] })
  })

  it('sends Slack Block Kit with who, score, why now, time left and a link, lead text only as plain_text', async () => {
    const got = receiver([200])
    const { id } = await setup('slack', {
      firstName: 'Jo <script>',
      lastName: '& Co',
      companyName: 'Acme <b>',
      title: 'CTO',
      scoreTotal: 87.4,
      whyNow: { summary: 'Requested a demo <!channel>', at: new Date(T0).toISOString() },
    })
    await handOff(ctxAt(T0), id)
    const msg = JSON.parse(got[0]!.body) as { text: string; blocks: Array<Record<string, any>> }
    expect(got[0]!.url).toBe(HOOK)
    expect(msg.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'context', 'actions'])
    expect(msg.text).toBe('New lead for Ana Ruiz: Jo &lt;script&gt; &amp; Co (Acme &lt;b&gt;)')
    expect(msg.blocks[1]!.text).toEqual({ type: 'plain_text', text: 'Jo <script> & Co, CTO at Acme <b>', emoji: false })
    expect(msg.blocks[2]!.fields.slice(0, 2)).toEqual([
      { type: 'mrkdwn', text: '*SLA*\ntime left 1h' },
      { type: 'mrkdwn', text: '*Score*\n87' },
    ])
    expect(msg.blocks[3]!.text.text).toBe('Why now: Requested a demo <!channel>')
    expect(msg.blocks[5]!.elements).toEqual([
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Open lead', emoji: false },
        url: `${env.APP_URL.replace(/\/$/, '')}/open/leads/${id}`,
        style: 'primary',
        action_id: 'open_primary',
      },
    ])
  })

  it('signs generic webhooks per Standard Webhooks (verified independently with WebCrypto)', async () => {
    const got = receiver([200])
    const { id } = await setup('webhook')
    const before = Math.floor(Date.now() / 1000)
    await handOff(ctxAt(T0), id)
    const [req] = got
    const msgId = req!.headers.get('webhook-id')!
    const ts = req!.headers.get('webhook-timestamp')!
    const sig = req!.headers.get('webhook-signature')!
    expect(msgId).toBe((await alertRow(id))!.id)
    expect(Number(ts)).toBeGreaterThanOrEqual(before)
    expect(Number(ts)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000))
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(SECRET_BYTES),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    )
    const [version, b64] = sig.split(',')
    expect(version).toBe('v1')
    const mac = Uint8Array.from(atob(b64!), (c) => c.charCodeAt(0))
    expect(await crypto.subtle.verify('HMAC', key, mac, new TextEncoder().encode(`${msgId}.${ts}.${req!.body}`))).toBe(
      true,
    )
    expect(await crypto.subtle.verify('HMAC', key, mac, new TextEncoder().encode(`${msgId}.${ts}.${req!.body} `))).toBe(
      false,
    )
    expect(JSON.parse(req!.body)).toMatchObject({
      type: 'lead.assigned',
      data: { lead: { id }, rep: { name: 'Ana Ruiz' }, timeText: 'time left 1h' },
    })
  })

  it('sends Teams an Adaptive Card with the facts and a link', async () => {
    const got = receiver([200])
    const { id } = await setup('teams')
    await handOff(ctxAt(T0), id)
    const msg = JSON.parse(got[0]!.body)
    expect(msg).toMatchObject({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            actions: [
              { type: 'Action.OpenUrl', title: 'Open lead', url: expect.stringContaining(`/open/leads/${id}`) },
            ],
          },
        },
      ],
    })
    const lines = (msg.attachments[0].content.body as Array<{ inlines: Array<{ text: string }> }>).map((b) =>
      b.inlines.map((i) => i.text).join(''),
    )
    expect(lines).toEqual(expect.arrayContaining(['Owner: Ana Ruiz', 'SLA: time left 1h']))
  })
})
