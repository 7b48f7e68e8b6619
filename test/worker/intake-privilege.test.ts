/**
 * Least privilege for `intake` (contract v1.1): its lead answers carry id, email, status and score total
 * only, and it cannot assert sales activity (a `sales_touch` event or a Segment "Sales Touch" track), which
 * would meet an SLA and credit a rep. A refused request stores nothing.
 */
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, issueToken } from './helpers'
import { hotLead, setupOrg } from './brief-fixtures'

const count = async () => {
  const q = async (t: string) => (await env.DB.prepare(`select count(*) n from ${t}`).first<{ n: number }>())!.n
  return {
    leads: await q('leads'),
    events: await q('events'),
    touches: await q('touches'),
    history: await q('lead_history'),
  }
}

describe('the intake role', () => {
  let intake: string
  beforeAll(async () => {
    await setupOrg('priv')
    intake = await issueToken('intake')
  })

  it('gets id, email, status and score total from POST /v1/leads; admin still gets the brief', async () => {
    const res = await api('/v1/leads', { token: intake, json: hotLead('priv.one@acme.test') })
    expect(res.status).toBe(201)
    const { lead } = (await res.json()) as { lead: Record<string, unknown> }
    expect(Object.keys(lead).sort()).toEqual(['email', 'id', 'score', 'status'])
    expect(Object.keys(lead.score as object)).toEqual(['total'])
    const admin = (await (await api('/v1/leads', { json: hotLead('priv.one@acme.test') })).json()) as {
      lead: Record<string, unknown>
    }
    expect(admin.lead).toHaveProperty('phone', '+1 555 0100')
    expect(admin.lead).toHaveProperty('timeline')
  })

  it('is refused (403) a sales_touch event, and nothing is stored', async () => {
    const before = await count()
    const res = await api('/v1/events', {
      token: intake,
      json: {
        events: [
          { id: 'priv-p1', email: 'priv.two@acme.test', type: 'page_view', occurredAt: new Date().toISOString() },
          {
            id: 'priv-t1',
            email: 'priv.two@acme.test',
            type: 'sales_touch',
            occurredAt: new Date().toISOString(),
            properties: { channel: 'call' },
          },
        ],
      },
    })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } })
    expect(await count()).toEqual(before)
  })

  it('is refused a Segment "Sales Touch" track in a batch with an identify, and nothing is stored', async () => {
    const before = await count()
    const res = await api('/v1/intake/segment', {
      token: intake,
      json: {
        batch: [
          {
            type: 'identify',
            messageId: 'priv-s1',
            userId: 'u-priv',
            traits: { email: 'priv.three@acme.test', firstName: 'Pri' },
          },
          {
            type: 'track',
            messageId: 'priv-s2',
            userId: 'u-priv',
            event: 'Sales Touch',
            properties: { email: 'priv.three@acme.test' },
          },
        ],
      },
    })
    expect(res.status).toBe(403)
    expect(await count()).toEqual(before)
  })

  it('lets an admin send the same sales_touch', async () => {
    const res = await api('/v1/events', {
      json: {
        events: [
          {
            id: 'priv-t2',
            email: 'priv.two@acme.test',
            type: 'sales_touch',
            occurredAt: new Date().toISOString(),
            properties: { channel: 'call' },
          },
        ],
      },
    })
    expect(res.status).toBe(202)
    expect(await res.json()).toMatchObject({ accepted: 1 })
  })
})
