/**
 * Signed webhook sources, one system at a time, through the real worker. Every payload is a documented
 * fixture (test/worker/fixtures/webhooks/README.md names each page). Signatures are made here with
 * `node:crypto`, independently of the worker's WebCrypto verifiers, and those verifiers are checked against
 * HubSpot's published vector.
 */
import { createHmac } from 'node:crypto'
import { env } from 'cloudflare:test'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { calendly, hubspotV3, typeform } from '../../worker/domain/webhooks/verify'
import calendlyCanceled from './fixtures/webhooks/calendly-invitee-canceled.json'
import calendlyCreated from './fixtures/webhooks/calendly-invitee-created.json'
import calendlyVector from './fixtures/webhooks/calendly-signature.json'
import hubspotEvents from './fixtures/webhooks/hubspot-contact-events.json'
import hubspotVector from './fixtures/webhooks/hubspot-signature-v3-vector.json'
import pipedriveActivity from './fixtures/webhooks/pipedrive-activity.json'
import pipedriveDeal from './fixtures/webhooks/pipedrive-deal-updated-won.json'
import pipedrivePerson from './fixtures/webhooks/pipedrive-person-added.json'
import salesforceXml from './fixtures/webhooks/salesforce-notifications.xml?raw'
import typeformPayload from './fixtures/webhooks/typeform-webhook.json'
import typeformVector from './fixtures/webhooks/typeform-signature.json'
import { policy, pool, reset, rep, rule, tick, MIN } from './assignment-fixtures'
import { ADMIN, api } from './helpers'

const BASE = 'http://handoff.test'
const clone = <T>(v: T): T => structuredClone(v)

/** Every row of the tables a delivery could touch, to prove a refused one changed nothing. */
const dump = async () => {
  const tables = [
    'leads',
    'lead_crm_refs',
    'events',
    'touches',
    'dispositions',
    'lead_history',
    'webhook_deliveries',
    'crm_pending',
    'crm_deals',
    'assignments',
    'sla_clocks',
  ]
  const out: Record<string, unknown[]> = {}
  for (const t of tables) out[t] = (await env.DB.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()).results
  return out
}

const createSource = async (json: Record<string, unknown>) => {
  const res = await api('/v1/admin/sources', { json })
  expect(res.status).toBe(201)
  return ((await res.json()) as { source: Record<string, string> }).source
}

const post = (path: string, body: string, headers: Record<string, string>) =>
  api(path, { token: null, body, headers: { 'Content-Type': 'application/json', ...headers } })

const leadByRef = async (ref: string) => {
  const res = await api(`/v1/leads/lookup?crm=${encodeURIComponent(ref)}`)
  return { status: res.status, body: (await res.json()) as { lead?: Record<string, unknown> } }
}

/** Hands every lead off at once to one rep with a 30-minute SLA (thresholds at 0). */
const everyLeadToOneRep = async () => {
  const ana = await rep('Ana', { crmOwnerIds: ['pipedrive:12415231', 'hubspot:777'] })
  const p = await pool('All', [{ repId: ana.id }])
  await rule({ name: 'all', kind: 'default', position: 1, poolId: p.id })
  await policy({ name: 'SQL', position: 0, match: { status: ['sql'] }, durationMinutes: 30, businessHours: false })
  const res = await api('/v1/admin/criteria?apply=new_activity_only', {
    method: 'PUT',
    json: { thresholds: { mql: 0, sql: 0 } },
  })
  expect(res.status).toBe(200)
  return ana
}

beforeEach(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {})
  await reset()
  await env.DB.batch(
    ['lead_crm_refs', 'events', 'touches', 'dispositions', 'webhook_deliveries', 'crm_pending', 'crm_deals'].map((t) =>
      env.DB.prepare(`DELETE FROM ${t}`),
    ),
  )
})

describe('verifiers against published vectors', () => {
  it('HubSpot v3: the SDK vector verifies at its own time, and not 5 minutes and 1 ms later', async () => {
    const v = hubspotVector.v3
    const base = {
      secret: v.clientSecret,
      method: v.method,
      uri: v.uri,
      body: v.body,
      timestamp: v.timestamp,
      signature: v.expectedSignature,
    }
    expect(await hubspotV3({ ...base, now: Number(v.timestamp) })).toBe(true)
    expect(await hubspotV3({ ...base, now: Number(v.timestamp) + 5 * MIN + 1 })).toBe(false)
    expect(await hubspotV3({ ...base, body: `${v.body} `, now: Number(v.timestamp) })).toBe(false)
    expect(await hubspotV3({ ...base, secret: 'other', now: Number(v.timestamp) })).toBe(false)
  })

  it('Typeform and Calendly: the documented algorithms (vectors computed from their docs, not published)', async () => {
    const t = typeformVector.locallyComputedVector
    expect(await typeform({ secret: t.secret, body: t.body, header: t.signature })).toBe(true)
    expect(await typeform({ secret: t.secret, body: `${t.body}x`, header: t.signature })).toBe(false)
    const c = calendlyVector.locallyComputedVector as { signingKey: string; t: string; body: string; header: string }
    const now = Number(c.t) * 1000
    expect(await calendly({ secret: c.signingKey, body: c.body, header: c.header, now })).toBe(true)
    expect(await calendly({ secret: c.signingKey, body: c.body, header: c.header, now: now + 6 * MIN })).toBe(false)
  })
})

describe('POST /v1/admin/sources', () => {
  it('creates one source per system; generated secrets show once, never in GET', async () => {
    const hub = await createSource({ kind: 'hubspot', name: 'HubSpot', secret: 'hubspot-client-secret' })
    expect(hub).toMatchObject({ kind: 'hubspot', source: 'hubspot', webhookPath: `/v1/webhooks/${hub.id}` })
    expect(hub.secret).toBeUndefined()
    const tf = await createSource({ kind: 'typeform', name: 'Typeform' })
    expect(tf.secret).toMatch(/^[0-9a-f]{64}$/)
    const pd = await createSource({ kind: 'pipedrive', name: 'Pipedrive' })
    expect(pd.username).toBeTruthy()
    expect(pd.password).toMatch(/^[0-9a-f]{64}$/)
    const sf = await createSource({ kind: 'salesforce', name: 'Salesforce', organizationId: '00D5e0000000001' })
    expect(sf.webhookPath).toMatch(new RegExp(`^/v1/webhooks/${sf.id}/[0-9a-f]{64}$`))
    // Kept in its 18-character form, which starts with the 15 characters given.
    expect(sf.organizationId).toHaveLength(18)
    expect(sf.organizationId!.slice(0, 15)).toBe('00D5e0000000001')
    const form = await createSource({ name: 'Website', source: 'website' })
    expect(form).toMatchObject({ kind: 'form', formPath: `/v1/intake/form/${form.id}` })

    const listed = await (await api('/v1/admin/sources')).text()
    for (const secret of [
      tf.secret,
      pd.password,
      pd.username,
      sf.webhookPath!.split('/').pop(),
      'hubspot-client-secret',
    ])
      expect(listed).not.toContain(secret)
  })

  it('refuses what a kind needs and lacks, with field paths', async () => {
    const noSecret = await api('/v1/admin/sources', { json: { kind: 'hubspot', name: 'HubSpot' } })
    expect(noSecret.status).toBe(422)
    expect(JSON.stringify(await noSecret.json())).toContain('"path":"secret"')
    const badOrg = await api('/v1/admin/sources', { json: { kind: 'salesforce', name: 'SF', organizationId: 'x' } })
    expect(badOrg.status).toBe(422)
    const rep = await api('/v1/admin/sources', { token: 'nope', json: { kind: 'typeform', name: 'T' } })
    expect(rep.status).toBe(401)
  })

  it('rotates a secret: the old one stops working at once', async () => {
    const tf = await createSource({ kind: 'typeform', name: 'Typeform' })
    const body = JSON.stringify(typeformPayload.payload)
    const sign = (secret: string) => `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`
    const rotated = await api(`/v1/admin/sources/${tf.id}/rotate`, { json: {} })
    expect(rotated.status).toBe(200)
    const { source } = (await rotated.json()) as { source: { secret: string } }
    expect(source.secret).not.toBe(tf.secret)
    expect((await post(tf.webhookPath!, body, { 'Typeform-Signature': sign(tf.secret!) })).status).toBe(401)
    expect((await post(tf.webhookPath!, body, { 'Typeform-Signature': sign(source.secret) })).status).toBe(200)
  })
})

describe('HubSpot', () => {
  const secret = 'hubspot-app-client-secret-0001'
  let path = ''
  beforeAll(async () => {
    path = (await createSource({ kind: 'hubspot', name: 'HubSpot portal', secret })).webhookPath!
  })
  const send = (events: unknown, opts: { at?: number; secret?: string } = {}) => {
    const body = JSON.stringify(events)
    const ts = String(opts.at ?? Date.now())
    const sig = createHmac('sha256', opts.secret ?? secret)
      .update(`POST${BASE}${path}${body}${ts}`)
      .digest('base64')
    return post(path, body, { 'X-HubSpot-Signature-v3': sig, 'X-HubSpot-Request-Timestamp': ts })
  }
  // The documented batch: a property change for contact 1246965 and the creation of contact 1246978.
  const documented = () => clone(hubspotEvents.payloadWithSubscriptionType)
  const event = (over: Record<string, unknown>) => ({ ...documented()[1], ...over })

  it('refuses a bad signature, a stale timestamp or no signature with 401, storing nothing', async () => {
    const before = await dump()
    for (const res of [
      await send(documented(), { secret: 'wrong-secret' }),
      await send(documented(), { at: Date.now() - 5 * MIN - 1000 }),
      await post(path, JSON.stringify(documented()), {}),
    ]) {
      expect(res.status).toBe(401)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized')
    }
    expect(await dump()).toEqual(before)
  })

  it('a contact created before its email becomes one lead with every property once the email arrives', async () => {
    const created = await send(documented())
    expect(created.status).toBe(200)
    expect(await created.json()).toMatchObject({ deliveries: 2, applied: 2, replays: 0 })
    const id = 1246978
    const props = [
      event({
        eventId: 9001,
        subscriptionType: 'contact.propertyChange',
        objectId: id,
        propertyName: 'firstname',
        propertyValue: 'Ana',
      }),
      event({
        eventId: 9002,
        subscriptionType: 'contact.propertyChange',
        objectId: id,
        propertyName: 'jobtitle',
        propertyValue: 'VP Sales',
      }),
      event({
        eventId: 9003,
        subscriptionType: 'contact.propertyChange',
        objectId: id,
        propertyName: 'company',
        propertyValue: 'Initech',
      }),
    ]
    expect((await send(props)).status).toBe(200)
    expect((await leadByRef(`hubspot:${id}`)).status).toBe(404)
    expect((await env.DB.prepare('SELECT count(*) AS n FROM leads').first())!.n).toBe(0)

    const email = event({
      eventId: 9004,
      subscriptionType: 'contact.propertyChange',
      objectId: id,
      propertyName: 'email',
      propertyValue: 'ana@initech.test',
    })
    expect((await send([email])).status).toBe(200)
    const found = await leadByRef(`hubspot:${id}`)
    expect(found.status).toBe(200)
    expect(found.body.lead).toMatchObject({ email: 'ana@initech.test', firstName: 'Ana', title: 'VP Sales' })
    expect((await env.DB.prepare('SELECT count(*) AS n FROM leads').first())!.n).toBe(1)

    // A change that carries no email still reaches the lead by its HubSpot id.
    const phone = event({
      eventId: 9005,
      subscriptionType: 'contact.propertyChange',
      objectId: id,
      propertyName: 'lastname',
      propertyValue: 'Ruiz',
    })
    expect((await send([phone])).status).toBe(200)
    expect((await leadByRef(`hubspot:${id}`)).body.lead).toMatchObject({ lastName: 'Ruiz' })
  })

  it('a replay (same eventId) is acknowledged and changes nothing', async () => {
    const email = event({
      eventId: 9100,
      subscriptionType: 'contact.propertyChange',
      objectId: 55,
      propertyName: 'email',
      propertyValue: 'replay@acme.test',
    })
    expect((await send([email])).status).toBe(200)
    const before = await dump()
    const again = await send([{ ...email, attemptNumber: 1 }])
    expect(again.status).toBe(200)
    expect(await again.json()).toMatchObject({ applied: 0, replays: 1 })
    expect(await dump()).toEqual(before)
  })

  it('a closed-won deal linked to the contact closes the loop with its amount, in the funnel', async () => {
    await send([
      event({
        eventId: 9200,
        subscriptionType: 'contact.propertyChange',
        objectId: 66,
        propertyName: 'email',
        propertyValue: 'won@acme.test',
      }),
    ])
    await send([
      event({
        eventId: 9201,
        subscriptionType: 'deal.propertyChange',
        objectId: 4001,
        propertyName: 'amount',
        propertyValue: '12500',
      }),
      event({
        eventId: 9202,
        subscriptionType: 'deal.associationChange',
        objectId: 4001,
        associationType: 'DEAL_TO_CONTACT',
        fromObjectId: 4001,
        toObjectId: 66,
        associationRemoved: false,
      }),
      event({
        eventId: 9203,
        subscriptionType: 'deal.propertyChange',
        objectId: 4001,
        propertyName: 'dealstage',
        propertyValue: 'closedwon',
      }),
    ])
    const { body } = await leadByRef('hubspot:66')
    expect(body.lead).toMatchObject({ status: 'won' })
    const funnel = (await (await api('/v1/reports/funnel?groupBy=source')).json()) as {
      rows: Array<{ key: string; won: number; wonAmount: number }>
    }
    expect(funnel.rows.find((r) => r.key === 'hubspot')).toMatchObject({ won: 1, wonAmount: 12500 })
  })
  it('an owner change is recorded; a "keep" source keeps the assignment, a "follow" source reassigns and tells subscribers', async () => {
    await everyLeadToOneRep()
    const bo = await rep('Bo', { crmOwnerIds: ['hubspot:888'] })
    const whsec = `whsec_${btoa('owner-follow-subscriber-secret-01')}`
    await api('/v1/admin/channels', {
      json: {
        name: 'CRM sync',
        kind: 'webhook',
        url: 'http://127.0.0.1:9/sync',
        secret: whsec,
        events: ['lead.reassigned'],
      },
    })
    const sent: Array<{ type: string; data: { assignee: { id: string; crmOwnerIds: Record<string, string> } } }> = []
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      sent.push(JSON.parse(await new Request(input as RequestInfo, init as RequestInit).text()))
      return new Response('ok')
    })
    await send([
      event({
        eventId: 9300,
        subscriptionType: 'contact.propertyChange',
        objectId: 77,
        propertyName: 'email',
        propertyValue: 'owner@acme.test',
      }),
    ])
    const lead = (await leadByRef('hubspot:77')).body.lead as { id: string; assignee: { name: string } | null }
    expect(lead.assignee?.name).toBe('Ana')
    const ownerTo888 = (eventId: number) =>
      event({
        eventId,
        subscriptionType: 'contact.propertyChange',
        objectId: 77,
        propertyName: 'hubspot_owner_id',
        propertyValue: '888',
      })

    // This describe's source keeps Handoff's assignment (the default) and says so in the journey.
    expect((await send([ownerTo888(9301)])).status).toBe(200)
    expect(((await leadByRef('hubspot:77')).body.lead as typeof lead).assignee?.name).toBe('Ana')
    const journey = async () =>
      (
        (await (await api(`/v1/leads/${lead.id}/journey`)).json()) as { entries: Array<{ summary: string }> }
      ).entries.map((e) => e.summary)
    expect(await journey()).toContainEqual(expect.stringContaining('Handoff keeps its assignment'))
    expect(sent).toEqual([])

    // A second portal's source set to follow the CRM moves the lead, and the subscriber hears of it.
    const followSecret = 'hubspot-app-client-secret-0002'
    const follow = await createSource({
      kind: 'hubspot',
      name: 'HubSpot (follow)',
      secret: followSecret,
      ownerPolicy: 'follow',
    })
    const body = JSON.stringify([ownerTo888(9302)])
    const ts = String(Date.now())
    const sig = createHmac('sha256', followSecret)
      .update(`POST${BASE}${follow.webhookPath}${body}${ts}`)
      .digest('base64')
    const res = await post(follow.webhookPath!, body, {
      'X-HubSpot-Signature-v3': sig,
      'X-HubSpot-Request-Timestamp': ts,
    })
    expect(res.status).toBe(200)
    expect(((await leadByRef('hubspot:77')).body.lead as typeof lead).assignee?.name).toBe('Bo')
    expect(await journey()).toContainEqual(expect.stringContaining('Handoff follows the CRM'))
    expect(sent.map((e) => [e.type, e.data.assignee.id, e.data.assignee.crmOwnerIds.hubspot])).toEqual([
      ['lead.reassigned', bo.id, '888'],
    ])
  })
})

describe('Pipedrive', () => {
  let source: Record<string, string> = {}
  beforeAll(async () => {
    source = await createSource({ kind: 'pipedrive', name: 'Pipedrive' })
  })
  const auth = (user = source.username!, pass = source.password!) => ({
    Authorization: `Basic ${btoa(`${user}:${pass}`)}`,
  })
  // The documented "create person" example has no email; Pipedrive's v2 person carries emails as
  // [{ value, primary, label }] (same page), so the test fills one in.
  const personWithEmail = (email: string, id = 8) => {
    const p = clone(pipedrivePerson.payload) as Record<string, any>
    p.data.id = id
    p.meta.entity_id = String(id)
    p.meta.id = crypto.randomUUID()
    p.data.emails = [{ label: 'work', value: email, primary: true }]
    return p
  }

  it('refuses wrong or missing credentials with 401, storing nothing', async () => {
    const before = await dump()
    const body = JSON.stringify(personWithEmail('x@acme.test'))
    expect((await post(source.webhookPath!, body, auth(source.username, 'wrong-password'))).status).toBe(401)
    expect((await post(source.webhookPath!, body, {})).status).toBe(401)
    expect(await dump()).toEqual(before)
  })

  it('a done call logged in Pipedrive meets the SLA, credited to the rep with that owner id; the cron finds no breach', async () => {
    const ana = await everyLeadToOneRep()
    const person = personWithEmail('sam@prospect.test', 10)
    expect((await post(source.webhookPath!, JSON.stringify(person), auth())).status).toBe(200)
    const { body } = await leadByRef('pipedrive:10')
    expect(body.lead).toMatchObject({ status: 'assigned', assignee: { id: ana.id } })

    // The documented "create activity" for person 10, done (a call logged after it happened).
    const activity = clone(pipedriveActivity.create) as Record<string, any>
    activity.data.done = true
    activity.data.type = 'call'
    activity.meta.timestamp = new Date().toISOString()
    activity.data.update_time = new Date().toISOString()
    expect((await post(source.webhookPath!, JSON.stringify(activity), auth())).status).toBe(200)
    const touch = await env.DB.prepare('SELECT rep_id, channel, via, system FROM touches').first()
    expect(touch).toEqual({ rep_id: ana.id, channel: 'call', via: 'crm', system: 'pipedrive' })
    const clock = await env.DB.prepare('SELECT met_at, breached_at FROM sla_clocks').first<{ met_at: number | null }>()
    expect(clock!.met_at).not.toBeNull()
    await tick(Date.now() + 31 * MIN)
    expect((await env.DB.prepare('SELECT breached_at FROM sla_clocks').first())!.breached_at).toBeNull()
    const breachAlerts = await env.DB.prepare(
      "SELECT count(*) AS n FROM alerts WHERE milestone LIKE '%breach%'",
    ).first()
    expect(breachAlerts!.n).toBe(0)
  })

  it('a deal whose status becomes won sets its person lead to won with the value; a replay changes nothing', async () => {
    await post(source.webhookPath!, JSON.stringify(personWithEmail('deal@prospect.test', 8)), auth())
    // The documented "update deal" (person 8, value 100) as the change that closes it: status open → won.
    const deal = clone(pipedriveDeal.payload) as Record<string, any>
    deal.data.status = 'won'
    deal.data.won_time = new Date().toISOString()
    deal.previous = { status: 'open' }
    const body = JSON.stringify(deal)
    expect((await post(source.webhookPath!, body, auth())).status).toBe(200)
    const { body: found } = await leadByRef('pipedrive:8')
    expect(found.lead).toMatchObject({ status: 'won' })
    const disp = await env.DB.prepare('SELECT outcome, amount, system FROM dispositions').all()
    expect(disp.results).toEqual([{ outcome: 'won', amount: 100, system: 'pipedrive' }])
    const before = await dump()
    expect((await post(source.webhookPath!, body, auth())).status).toBe(200)
    expect(await dump()).toEqual(before)
  })
})

describe('Salesforce', () => {
  const ORG = '00D5e0000000001'
  let path = ''
  beforeAll(async () => {
    path = (await createSource({ kind: 'salesforce', name: 'Salesforce', organizationId: ORG })).webhookPath!
  })
  const message = (over: { org?: string; lead?: string; email?: string; note?: string } = {}) =>
    salesforceXml
      .replaceAll('{{ORG}}', over.org ?? ORG)
      .replaceAll('{{LEAD}}', over.lead ?? '00Q5e000001AbCd')
      .replaceAll('{{EMAIL}}', over.email ?? 'hank@globex.test')
      .replaceAll('{{NOTE}}', over.note ?? '04l5e000000NoTe1AA')
  const send = (xml: string, p = path) => api(p, { token: null, body: xml, headers: { 'Content-Type': 'text/xml' } })

  it('a Lead message creates the lead with its 18-character id, and is acknowledged the SOAP way', async () => {
    const res = await send(message())
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toContain('xml')
    expect(await res.text()).toContain('<Ack>true</Ack>')
    const { body } = await leadByRef('salesforce:00Q5e000001AbCd')
    expect(body.lead).toMatchObject({ email: 'hank@globex.test', firstName: 'Hank', title: 'CEO' })
  })

  it('another organization, a wrong path secret or a replay changes nothing', async () => {
    await send(message())
    const before = await dump()
    expect(
      (await send(message({ org: '00D5e0000000002', note: '04l5e000000NoTe2AA', email: 'o@x.test' }))).status,
    ).toBe(401)
    expect(
      (await send(message({ note: '04l5e000000NoTe3AA' }), path.replace(/[0-9a-f]{64}$/, 'f'.repeat(64)))).status,
    ).toBe(401)
    expect(await dump()).toEqual(before)
    const replay = await send(message())
    expect(replay.status).toBe(200)
    expect(await replay.text()).toContain('<Ack>true</Ack>')
    expect(await dump()).toEqual(before)
  })
})

describe('Typeform and Calendly', () => {
  it('a Typeform response creates the lead from its email answer and records form_submit', async () => {
    const tf = await createSource({
      kind: 'typeform',
      name: 'Typeform',
      fieldMap: { readable_ref_short_text: 'firstName' },
    })
    const body = JSON.stringify(typeformPayload.payload)
    const sig = `sha256=${createHmac('sha256', tf.secret!).update(body).digest('base64')}`
    const before = await dump()
    expect((await post(tf.webhookPath!, body, { 'Typeform-Signature': `${sig}x` })).status).toBe(401)
    expect((await post(tf.webhookPath!, body, {})).status).toBe(401)
    expect(await dump()).toEqual(before)
    expect((await post(tf.webhookPath!, body, { 'Typeform-Signature': sig })).status).toBe(200)
    // Typeform retries with the same event_id: acknowledged, nothing changes.
    const applied = await dump()
    expect((await post(tf.webhookPath!, body, { 'Typeform-Signature': sig })).status).toBe(200)
    expect(await dump()).toEqual(applied)
    const lead = await env.DB.prepare(
      "SELECT id, first_name, source FROM leads WHERE email_norm = 'laura@example.com'",
    ).first<{ id: string }>()
    expect(lead).toMatchObject({ first_name: 'Laura', source: 'typeform' })
    const ev = await env.DB.prepare('SELECT type, properties FROM events WHERE lead_id = ?')
      .bind(lead!.id)
      .first<{ properties: string }>()
    expect(ev).toMatchObject({ type: 'form_submit' })
    expect(JSON.parse(ev!.properties)).toMatchObject({ form: 'Webhooks example' })
  })

  it('a Calendly booking adds meeting_booked to the invitee lead; a cancellation adds meeting_canceled', async () => {
    const key = 'calendly-signing-key-01'
    const cal = await createSource({ kind: 'calendly', name: 'Calendly', secret: key })
    const sign = (body: string, t = Math.floor(Date.now() / 1000)) =>
      `t=${t},v1=${createHmac('sha256', key).update(`${t}.${body}`).digest('hex')}`
    const created = JSON.stringify(calendlyCreated.payload)
    const before = await dump()
    // A timestamp from 1970, one 5 minutes and a second old, a wrong key, none at all: 401, nothing stored.
    const stale = Math.floor(Date.now() / 1000) - 301
    expect((await post(cal.webhookPath!, created, { 'Calendly-Webhook-Signature': sign(created, 1) })).status).toBe(401)
    expect((await post(cal.webhookPath!, created, { 'Calendly-Webhook-Signature': sign(created, stale) })).status).toBe(
      401,
    )
    const forged = sign(created).replace(/v1=\w+/, `v1=${createHmac('sha256', 'other').update('x').digest('hex')}`)
    expect((await post(cal.webhookPath!, created, { 'Calendly-Webhook-Signature': forged })).status).toBe(401)
    expect((await post(cal.webhookPath!, created, {})).status).toBe(401)
    expect(await dump()).toEqual(before)
    expect((await post(cal.webhookPath!, created, { 'Calendly-Webhook-Signature': sign(created) })).status).toBe(200)
    const applied = await dump()
    expect((await post(cal.webhookPath!, created, { 'Calendly-Webhook-Signature': sign(created) })).status).toBe(200)
    expect(await dump()).toEqual(applied)
    const canceled = JSON.stringify(calendlyCanceled.payload)
    expect((await post(cal.webhookPath!, canceled, { 'Calendly-Webhook-Signature': sign(canceled) })).status).toBe(200)
    const types = await env.DB.prepare(
      "SELECT e.type FROM events e JOIN leads l ON l.id = e.lead_id WHERE l.email_norm = 'test@example.com' ORDER BY e.id",
    ).all()
    expect(types.results.map((r) => r.type)).toEqual(['meeting_booked', 'meeting_canceled'])
  })
})

describe('the public form', () => {
  it('a demo request from a CMO at an 800-person software company hands off within the request', async () => {
    const ana = await rep('Ana')
    const p = await pool('All', [{ repId: ana.id }])
    await rule({ name: 'all', kind: 'default', position: 1, poolId: p.id })
    const form = await createSource({ name: 'Website', source: 'website' })
    const res = await api(form.formPath!, {
      token: null,
      body: new URLSearchParams({
        email: 'cmo@bigsoft.test',
        first_name: 'Dana',
        job_title: 'CMO',
        company: 'BigSoft',
        employees: '800',
        industry: 'Software',
        form: 'demo_request',
      }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(res.status).toBe(201)
    const lead = await env.DB.prepare(
      "SELECT id, status, assignee_id, fields FROM leads WHERE email_norm = 'cmo@bigsoft.test'",
    ).first<{
      id: string
      fields: string
    }>()
    expect(lead).toMatchObject({ status: 'assigned', assignee_id: ana.id })
    expect(JSON.parse(lead!.fields)).not.toHaveProperty('form')
    const ev = await env.DB.prepare('SELECT type, properties FROM events WHERE lead_id = ?')
      .bind(lead!.id)
      .first<{ properties: string }>()
    expect(ev).toMatchObject({ type: 'form_submit' })
    expect(JSON.parse(ev!.properties)).toMatchObject({ form: 'demo_request' })
  })

  it('an anonymous post fills empty fields of a known lead but never overwrites them', async () => {
    await api('/v1/leads', { token: ADMIN, json: { email: 'known@acme.test', phone: '+1 555 0100' } })
    const form = await createSource({ name: 'Website', source: 'website' })
    await api(form.formPath!, {
      token: null,
      body: new URLSearchParams({ email: 'known@acme.test', phone: '+1 666 6666', job_title: 'CFO' }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    const row = await env.DB.prepare("SELECT phone, title FROM leads WHERE email_norm = 'known@acme.test'").first()
    expect(row).toEqual({ phone: '+1 555 0100', title: 'CFO' })
  })
})
