import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { api } from './helpers'

const count = async (sql: string, ...binds: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>())!.n
const recent = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString()

describe('POST /v1/events', () => {
  it('accepts valid events, counts duplicates, rejects bad ones by index, creates leads for unknown emails', async () => {
    const res = await api('/v1/events', {
      json: {
        events: [
          {
            id: 'ev-1',
            email: 'Eve@Events-Co.io',
            type: 'page_view',
            occurredAt: recent(30),
            properties: { path: '/pricing' },
          },
          {
            id: 'ev-2',
            email: 'eve@events-co.io ',
            type: 'content_download',
            occurredAt: recent(20),
            properties: { asset: 'guide' },
          },
          { id: 'ev-1', email: 'eve@events-co.io', type: 'page_view', occurredAt: recent(30) },
          { id: 'ev-3', email: 'eve@events-co.io', occurredAt: 'yesterday' },
          { id: 'ev-4', leadId: 'lead_does_not_exist', type: 'page_view', occurredAt: recent(5) },
          'not an object',
        ],
      },
    })
    expect(res.status).toBe(202)
    const body = (await res.json()) as {
      accepted: number
      duplicates: number
      rejected: Array<{ index: number; issues: Array<{ path: string }> }>
    }
    expect(body.accepted).toBe(2)
    expect(body.duplicates).toBe(1)
    expect(body.rejected.map((r) => r.index)).toEqual([3, 4, 5])
    expect(body.rejected[0]!.issues.map((i) => i.path).sort()).toEqual(['occurredAt', 'type'])
    expect(body.rejected[1]!.issues[0]!.path).toBe('leadId')

    const lead = await env.DB.prepare(
      "select id, score_engagement, source from leads where email_norm = 'eve@events-co.io'",
    ).first<{ id: string; score_engagement: number; source: string }>()
    expect(lead!.source).toBe('events')
    expect(lead!.score_engagement).toBeGreaterThan(0)
    expect(await count('select count(*) n from events where lead_id = ?', lead!.id)).toBe(2)

    const again = await api('/v1/events', {
      json: { events: [{ id: 'ev-2', leadId: lead!.id, type: 'content_download', occurredAt: recent(20) }] },
    })
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 1, rejected: [] })
    expect(await count('select count(*) n from events where lead_id = ?', lead!.id)).toBe(2)
  })

  it('refuses more than 500 events (422 at path events) and stores nothing', async () => {
    const events = Array.from({ length: 501 }, (_, i) => ({
      id: `big-${i}`,
      email: 'big@events-co.io',
      type: 'page_view',
      occurredAt: recent(1),
    }))
    const res = await api('/v1/events', { json: { events } })
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({ error: { issues: [{ path: 'events' }] } })
    expect(await count("select count(*) n from events where client_id like 'big-%'")).toBe(0)
    expect(await count("select count(*) n from leads where email_norm = 'big@events-co.io'")).toBe(0)
    expect((await api('/v1/events', { json: { events: [] } })).status).toBe(422)
    expect((await api('/v1/events', { json: [] })).status).toBe(422)
  })

  it('hands a hot lead (demo request) off in the same request as an sql lead', async () => {
    const res = await api('/v1/events', {
      json: {
        events: [
          {
            id: 'hot-1',
            email: 'hot@events-co.io',
            type: 'form_submit',
            occurredAt: recent(2),
            properties: { form: 'demo_request' },
          },
        ],
      },
    })
    expect(res.status).toBe(202)
    const lead = await env.DB.prepare(
      "select status, hot, why_now, sql_at from leads where email_norm = 'hot@events-co.io'",
    ).first<{ status: string; hot: number; why_now: string; sql_at: number }>()
    expect(lead!.hot).toBe(1)
    expect(lead!.status).toBe('sql')
    expect(JSON.parse(lead!.why_now)).toMatchObject({ summary: expect.any(String), at: expect.any(String) })
    expect(lead!.sql_at).toBeGreaterThan(0)
  })

  it('records a CRM touch for sales_touch events', async () => {
    await api('/v1/events', {
      json: {
        events: [
          {
            id: 'touch-1',
            email: 'touched@events-co.io',
            type: 'sales_touch',
            occurredAt: recent(3),
            properties: { channel: 'call' },
          },
        ],
      },
    })
    const touch = await env.DB.prepare(
      "select t.channel, t.via from touches t join leads l on l.id = t.lead_id where l.email_norm = 'touched@events-co.io'",
    ).first()
    expect(touch).toEqual({ channel: 'call', via: 'crm' })
  })
})
