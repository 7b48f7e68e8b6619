import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { eventType } from '../../worker/domain/intake/segment'
import { api } from './helpers'

// The complete examples of the Segment Spec (segment.com/docs/connections/spec/identify, /track, /page, /group).
const IDENTIFY = {
  anonymousId: '507f191e810c19729de860ea',
  channel: 'browser',
  context: {
    ip: '8.8.8.8',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_2) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/40.0.2214.115 Safari/537.36',
  },
  integrations: { All: false, Mixpanel: true, Salesforce: true },
  messageId: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
  receivedAt: '2015-02-23T22:28:55.387Z',
  sentAt: '2015-02-23T22:28:55.111Z',
  timestamp: '2015-02-23T22:28:55.111Z',
  traits: {
    name: 'Peter Gibbons',
    email: 'peter@example.com',
    plan: 'premium',
    logins: 5,
    address: { street: '6th St', city: 'San Francisco', state: 'CA', postalCode: '94103', country: 'USA' },
  },
  type: 'identify',
  userId: '97980cfea0067',
  version: '1.1',
}

const TRACK = {
  anonymousId: '23adfd82-aa0f-45a7-a756-24f2a7a4c895',
  context: {
    library: { name: 'analytics.js', version: '2.11.1' },
    page: {
      path: '/academy/',
      referrer: '',
      search: '',
      title: 'Analytics Academy',
      url: 'https://segment.com/academy/',
    },
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/46.0.2490.86 Safari/537.36',
    ip: '108.0.78.21',
  },
  event: 'Course Clicked',
  integrations: {},
  messageId: 'ajs-f8ca1e4de5024d9430b3928bd8ac6b96',
  properties: { title: 'Intro to Analytics' },
  receivedAt: '2015-12-12T19:11:01.266Z',
  sentAt: '2015-12-12T19:11:01.169Z',
  timestamp: '2015-12-12T19:11:01.249Z',
  type: 'track',
  userId: 'AiUGstSDIg',
  originalTimestamp: '2015-12-12T19:11:01.152Z',
}

const PAGE = {
  anonymousId: '507f191e810c19729de860ea',
  channel: 'browser',
  context: {
    ip: '8.8.8.8',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_2) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/40.0.2214.115 Safari/537.36',
  },
  integrations: { All: true, Mixpanel: false, Salesforce: false },
  messageId: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
  name: 'Home',
  properties: { title: 'Welcome | Initech', url: 'http://www.example.com' },
  receivedAt: '2015-02-23T22:28:55.387Z',
  sentAt: '2015-02-23T22:28:55.111Z',
  timestamp: '2015-02-23T22:28:55.111Z',
  type: 'page',
  userId: '97980cfea0067',
  version: '1.1',
}

const GROUP = {
  anonymousId: '507f191e810c19729de860ea',
  channel: 'browser',
  context: {
    ip: '8.8.8.8',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_2) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/40.0.2214.115 Safari/537.36',
  },
  integrations: { All: true, Mixpanel: false, Salesforce: false },
  messageId: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
  receivedAt: '2015-02-23T22:28:55.387Z',
  sentAt: '2015-02-23T22:28:55.111Z',
  timestamp: '2015-02-23T22:28:55.111Z',
  traits: { name: 'Initech', industry: 'Technology', employees: 329, plan: 'enterprise', 'total billed': 830 },
  type: 'group',
  userId: '97980cfea0067',
  groupId: '0e8c78ea9d97a7b8185e8632',
  version: '1.1',
}

type Lead = {
  id: string
  first_name: string
  last_name: string
  company_name: string
  industry: string
  employees: number
  country: string | null
  fields: string
  source: string
}
const leadByEmail = (email: string) =>
  env.DB.prepare('select * from leads where email_norm = ?').bind(email).first<Lead>()

describe('POST /v1/intake/segment', () => {
  it('maps identify traits onto a lead (name split, unknown traits and ids in fields, non-ISO country kept as text)', async () => {
    const res = await api('/v1/intake/segment', { json: IDENTIFY })
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] })
    const lead = await leadByEmail('peter@example.com')
    expect(lead).toMatchObject({ first_name: 'Peter', last_name: 'Gibbons', source: 'segment', country: null })
    expect(JSON.parse(lead!.fields)).toMatchObject({
      plan: 'premium',
      logins: 5,
      country: 'USA',
      'address.city': 'San Francisco',
      segmentUserId: '97980cfea0067',
      segmentAnonymousId: '507f191e810c19729de860ea',
    })
  })

  it('maps page and group of an identified userId onto that lead, with messageId as the event id', async () => {
    await api('/v1/intake/segment', { json: IDENTIFY })
    const page = await api('/v1/intake/segment', { json: PAGE })
    expect(page.status).toBe(202)
    const group = await api('/v1/intake/segment', { json: GROUP })
    expect(group.status).toBe(202)
    const lead = await leadByEmail('peter@example.com')
    expect(lead).toMatchObject({ company_name: 'Initech', industry: 'Technology', employees: 329 })
    expect(JSON.parse(lead!.fields)).toMatchObject({
      segmentGroupId: '0e8c78ea9d97a7b8185e8632',
      'company.plan': 'enterprise',
      'company.total billed': 830,
    })
    const ev = await env.DB.prepare('select type, occurred_at, properties, lead_id from events where client_id = ?')
      .bind(PAGE.messageId)
      .first<{ type: string; occurred_at: number; properties: string; lead_id: string }>()
    expect(ev).toMatchObject({ type: 'page_view', occurred_at: Date.parse(PAGE.timestamp), lead_id: lead!.id })
    expect(JSON.parse(ev!.properties)).toMatchObject({
      url: 'http://www.example.com',
      path: '/',
      title: 'Welcome | Initech',
      name: 'Home',
    })
    // The same page again is a duplicate, by messageId.
    expect(await (await api('/v1/intake/segment', { json: PAGE })).json()).toEqual({
      accepted: 0,
      duplicates: 1,
      rejected: [],
    })
  })

  it('maps track (event name snake_cased) in a batch, resolving the userId through an identify in the same batch', async () => {
    const identify = {
      type: 'identify',
      userId: 'AiUGstSDIg',
      traits: { email: 'course@example.org', company: { name: 'Academy', employee_count: 120 } },
    }
    const demo = {
      type: 'track',
      event: 'Demo Requested',
      userId: 'AiUGstSDIg',
      messageId: 'demo-1',
      timestamp: new Date().toISOString(),
      properties: { form: 'demo_request' },
    }
    const res = await api('/v1/intake/segment', {
      json: { batch: [identify, TRACK, demo, { type: 'track', event: 'x' }, { type: 'alias' }] },
    })
    expect(res.status).toBe(202)
    const body = (await res.json()) as {
      accepted: number
      rejected: Array<{ index: number; issues: Array<{ path: string }> }>
    }
    expect(body.accepted).toBe(3)
    expect(body.rejected.map((r) => r.index)).toEqual([3, 4])
    expect(body.rejected[0]!.issues[0]!.path).toBe('userId')
    const lead = await leadByEmail('course@example.org')
    expect(lead).toMatchObject({ company_name: 'Academy', employees: 120 })
    const types = await env.DB.prepare('select type from events where lead_id = ? order by occurred_at')
      .bind(lead!.id)
      .all<{ type: string }>()
    expect(types.results.map((t) => t.type)).toEqual(['course_clicked', 'demo_requested'])
    expect(eventType('Order Completed')).toBe('order_completed')
  })

  it('refuses a single unusable message with 422 and stores nothing', async () => {
    const before = await env.DB.prepare('select count(*) n from leads').first<{ n: number }>()
    const res = await api('/v1/intake/segment', {
      json: { type: 'identify', userId: 'nobody-known', traits: { plan: 'free' } },
    })
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({ error: { issues: [{ path: 'userId' }] } })
    const bad = await api('/v1/intake/segment', { json: { type: 'identify', traits: { email: 'not-an-email' } } })
    expect(bad.status).toBe(422)
    expect(await bad.json()).toMatchObject({ error: { issues: [{ path: 'traits.email' }] } })
    expect((await api('/v1/intake/segment', { json: { type: 'screen' } })).status).toBe(422)
    expect(await env.DB.prepare('select count(*) n from leads').first()).toEqual(before)
  })
})
