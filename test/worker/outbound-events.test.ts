/**
 * Outbound lead events: a webhook channel subscribed to event types receives each as a Standard Webhooks
 * message (verified with the `standardwebhooks` package), exactly once per event whatever the number of cron
 * ticks, with the facts a CRM needs to follow Handoff: CRM refs, the assignee's CRM owner ids, the SLA state.
 */
import { env } from 'cloudflare:test'
import { Webhook } from 'standardwebhooks'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { OutboundEvent } from '../../shared/schemas/outbound-events'
import { recordDisposition } from '../../worker/domain/disposition'
import { handOff } from '../../worker/domain/handoff'
import { recordTouch } from '../../worker/domain/touch'
import { MIN, channel, ctxAt, lead, policy, pool, rep, reset, rule, tick } from './assignment-fixtures'
import { api } from './helpers'

const T0 = Date.UTC(2026, 10, 23, 15, 0)
const HOOK = 'http://127.0.0.1:9/crm-sync'
const SECRET = `whsec_${btoa('outbound-events-secret-0123456789')}`
const ALL = [
  'lead.qualified',
  'lead.assigned',
  'lead.reassigned',
  'lead.sla_warning',
  'lead.sla_breached',
  'lead.touched',
  'lead.disposition',
]

type Got = { url: string; id: string; event: OutboundEvent }

/** The subscriber's endpoint: verifies every message as a receiver would, and keeps the parsed events. */
const subscriber = (status = 200) => {
  const got: Got[] = []
  const wh = new Webhook(SECRET)
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const req = new Request(input as RequestInfo, init as RequestInit)
    const body = await req.text()
    // Throws on a bad signature or a stale timestamp, failing the test through the outbox's lastError.
    const verified = wh.verify(body, Object.fromEntries(req.headers)) as unknown
    got.push({ url: req.url, id: req.headers.get('webhook-id')!, event: OutboundEvent.parse(verified) })
    return new Response('ok', { status })
  })
  return got
}

const types = (got: Got[]) => got.map((g) => g.event.type)

const setup = async (events = ALL) => {
  const sub = await channel({ name: 'CRM sync', kind: 'webhook', url: HOOK, secret: SECRET, events })
  const ana = await rep('Ana Ruiz', { crmOwnerIds: ['hubspot:31415', 'salesforce:005000000000001AAA'] })
  const p = await pool('P', [{ repId: ana.id }])
  await rule({ name: 'all', kind: 'default', position: 1, poolId: p.id })
  await policy({ name: 'SQL', position: 0, durationMinutes: 10, businessHours: false, warnings: [0.5] })
  const id = await lead({ companyName: 'Acme', title: 'CMO' })
  await env.DB.prepare('INSERT INTO lead_crm_refs (system, ref_id, lead_id) VALUES (?, ?, ?)')
    .bind('hubspot', '901', id)
    .run()
  return { sub, ana, id }
}

describe('outbound lead events', () => {
  beforeEach(async () => {
    await reset()
    await env.DB.batch(['lead_crm_refs', 'touches', 'dispositions'].map((t) => env.DB.prepare(`DELETE FROM ${t}`)))
  })
  afterEach(() => vi.restoreAllMocks())

  it('a hand-off sends lead.qualified and lead.assigned with CRM refs, owner ids and the running clock', async () => {
    const got = subscriber()
    const { ana, id } = await setup()
    await handOff(ctxAt(T0), id)
    expect(types(got).sort()).toEqual(['lead.assigned', 'lead.qualified'])
    const assigned = got.find((g) => g.event.type === 'lead.assigned')!.event
    expect(assigned.data.lead).toMatchObject({ id, company: 'Acme', title: 'CMO', status: 'assigned', score: 80 })
    expect(assigned.data.lead.crmRefs).toEqual([{ system: 'hubspot', id: '901' }])
    expect(assigned.data.lead.url).toMatch(new RegExp(`/v1/leads/${id}$`))
    expect(assigned.data.assignee).toEqual({
      id: ana.id,
      name: 'Ana Ruiz',
      email: expect.stringContaining('anaruiz'),
      crmOwnerIds: { hubspot: '31415', salesforce: '005000000000001AAA' },
    })
    expect(assigned.data.sla).toEqual({
      state: 'running',
      dueAt: new Date(T0 + 10 * MIN).toISOString(),
      metAt: null,
      breachedAt: null,
    })
    const qualified = got.find((g) => g.event.type === 'lead.qualified')!.event
    expect(qualified.data.assignee).toBeNull()
    expect(new Set(got.map((g) => g.id)).size).toBe(2)
  })

  it('the cron sends the warning and the breach once each, however many ticks overlap', async () => {
    const got = subscriber()
    const { id } = await setup()
    await handOff(ctxAt(T0), id)
    await Promise.all([tick(T0 + 5 * MIN), tick(T0 + 5 * MIN)])
    await Promise.all([tick(T0 + 10 * MIN), tick(T0 + 10 * MIN), tick(T0 + 11 * MIN)])
    expect(types(got).filter((t) => t.startsWith('lead.sla_'))).toEqual(['lead.sla_warning', 'lead.sla_breached'])
    const breach = got.find((g) => g.event.type === 'lead.sla_breached')!.event
    expect(breach.data.sla).toMatchObject({ state: 'breached', dueAt: new Date(T0 + 10 * MIN).toISOString() })
    expect(breach.data.sla.breachedAt).not.toBeNull()
  })

  it('a touch and an outcome (from a rep or a CRM) reach the subscriber with the met clock and the amount', async () => {
    const got = subscriber()
    const { ana, id } = await setup()
    await handOff(ctxAt(T0), id)
    await recordTouch(ctxAt(T0 + 3 * MIN), {
      leadId: id,
      channel: 'call',
      via: 'crm',
      system: 'hubspot',
      at: T0 + 3 * MIN,
    })
    await recordTouch(ctxAt(T0 + 4 * MIN), {
      leadId: id,
      channel: 'email',
      via: 'rep',
      repId: ana.id,
      at: T0 + 4 * MIN,
    })
    await recordDisposition(ctxAt(T0 + 60 * MIN), { leadId: id, outcome: 'won', amount: 42_000, system: 'hubspot' })
    const touches = got.filter((g) => g.event.type === 'lead.touched').map((g) => g.event)
    expect(touches.map((t) => [t.data.touch?.channel, t.data.touch?.via, t.data.touch?.first])).toEqual([
      ['call', 'crm', true],
      ['email', 'rep', false],
    ])
    expect(touches[0]!.data.touch).toMatchObject({ system: 'hubspot', repId: ana.id })
    expect(touches[0]!.data.sla).toMatchObject({ state: 'met', metAt: new Date(T0 + 3 * MIN).toISOString() })
    expect(touches[0]!.data.lead.status).toBe('contacted')
    const won = got.find((g) => g.event.type === 'lead.disposition')!.event
    expect(won.data.disposition).toMatchObject({ outcome: 'won', amount: 42_000, system: 'hubspot', reason: null })
    expect(won.data.lead.status).toBe('won')
  })

  it('sends only the subscribed types, and nothing to channels that subscribe to none', async () => {
    const got = subscriber()
    const { id } = await setup(['lead.disposition'])
    const alertsOnly = await channel({ name: 'Ops', kind: 'webhook', url: 'http://127.0.0.1:9/ops', secret: SECRET })
    await handOff(ctxAt(T0), id)
    await recordTouch(ctxAt(T0 + MIN), { leadId: id, channel: 'call', via: 'rep', at: T0 + MIN })
    await recordDisposition(ctxAt(T0 + 2 * MIN), { leadId: id, outcome: 'accepted' })
    expect(types(got)).toEqual(['lead.disposition'])
    expect(got.every((g) => g.url === HOOK)).toBe(true)
    const rows = await env.DB.prepare(
      "SELECT count(*) AS n FROM alerts WHERE recipient = 'subscriber' AND channel_id = ?",
    )
      .bind(alertsOnly.id)
      .first<{ n: number }>()
    expect(rows?.n).toBe(0)
  })

  it('a failing subscriber is retried by the cron with the same webhook-id', async () => {
    const got = subscriber(500)
    const { id } = await setup(['lead.assigned'])
    await handOff(ctxAt(T0), id)
    vi.restoreAllMocks()
    const again = subscriber(200)
    await tick(T0 + 2 * MIN)
    expect(got).toHaveLength(1)
    expect(again.map((g) => g.id)).toEqual([got[0]!.id])
    expect(again[0]!.event).toEqual(got[0]!.event)
  })

  it('refuses events on a non-webhook channel or an unknown event type, with the field path', async () => {
    const slack = await api('/v1/admin/channels', {
      json: { name: 'S', kind: 'slack', url: 'https://hooks.slack.com/x', events: ['lead.assigned'] },
    })
    expect(slack.status).toBe(422)
    expect(JSON.stringify(await slack.json())).toContain('events')
    const unknown = await api('/v1/admin/channels', {
      json: { name: 'W', kind: 'webhook', url: HOOK, secret: SECRET, events: ['lead.deleted'] },
    })
    expect(unknown.status).toBe(422)
    const listed = await api('/v1/admin/channels', {
      json: { name: 'W', kind: 'webhook', url: HOOK, secret: SECRET, events: ['lead.touched'] },
    })
    expect(listed.status).toBe(201)
    expect(((await listed.json()) as { channel: { events: string[] } }).channel.events).toEqual(['lead.touched'])
  })
})
