/**
 * Alerts end to end in workerd: the CRM hosts setting turns a lead's CRM id into the alert's button, email
 * channels send through the `send_email` binding (miniflare's, and a recording one to read the message), and
 * the public lead page shows no lead data under a strict CSP.
 */
import { env } from 'cloudflare:test'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DomainCtx } from '../../worker/domain/context'
import { handOff } from '../../worker/domain/handoff'
import { channel, ctxAt, lead, policy, pool, rep, reset, rule } from './assignment-fixtures'
import { api } from './helpers'

const T0 = Date.UTC(2026, 10, 23, 15, 0)
const HOOK = 'http://127.0.0.1:9/receiver'

const setup = async (json: Record<string, unknown>, leadOver: Parameters<typeof lead>[0] = {}) => {
  const ch = await channel({ name: 'to rep', ...json })
  const r = await rep('Ana Ruiz', { channelId: ch.id })
  const p = await pool('P', [{ repId: r.id }])
  await rule({ name: 'all', kind: 'default', position: 1, poolId: p.id })
  await policy({ name: 'SQL', position: 0, durationMinutes: 60, businessHours: false, warnings: [] })
  return lead({ firstName: 'Jo', lastName: 'Doe', phone: '+1 212 555 0100', ...leadOver })
}

const alertState = async (leadId: string) =>
  (await env.DB.prepare("SELECT state, last_error FROM alerts WHERE lead_id = ? AND milestone = 'assigned'")
    .bind(leadId)
    .first<{ state: string; last_error: string | null }>())!

describe('alert buttons from the CRM hosts setting', () => {
  beforeEach(reset)
  afterEach(() => vi.restoreAllMocks())

  it('links the CRM record once the hosts are set, else LinkedIn, else the lead page', async () => {
    const bodies: string[] = []
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) => {
      bodies.push(String(init?.body))
      return new Response('ok')
    })
    expect(await (await api('/v1/admin/settings/crm-hosts')).json()).toEqual({
      salesforceHost: null,
      hubspotPortalId: null,
      hubspotHost: null,
      pipedriveDomain: null,
    })
    const put = await api('/v1/admin/settings/crm-hosts', {
      method: 'PUT',
      json: { hubspotPortalId: '2424242', pipedriveDomain: 'https://acme.pipedrive.com/' },
    })
    expect(put.status).toBe(200)
    expect(await put.json()).toMatchObject({ hubspotPortalId: '2424242', pipedriveDomain: 'acme' })
    const bad = await api('/v1/admin/settings/crm-hosts', { method: 'PUT', json: { salesforceHost: 'evil.example' } })
    expect(bad.status).toBe(422)

    const withRefs = await setup({ kind: 'slack', url: HOOK }, { linkedinUrl: 'https://www.linkedin.com/in/jo-doe' })
    await env.DB.batch(
      [
        ['pipedrive', '42'],
        ['hubspot', '51'],
      ].map(([system, id]) =>
        env.DB.prepare('INSERT INTO lead_crm_refs (system, ref_id, lead_id) VALUES (?, ?, ?)').bind(
          system,
          id,
          withRefs,
        ),
      ),
    )
    const linkedinOnly = await lead({ linkedinUrl: 'https://www.linkedin.com/in/kim-lee/' })
    const nothing = await lead({ linkedinUrl: null })
    for (const id of [withRefs, linkedinOnly, nothing]) await handOff(ctxAt(T0), id)
    const buttons = bodies.map((b) =>
      JSON.parse(b)
        .blocks.at(-1)
        .elements.map((e: { url: string }) => e.url),
    )
    const page = (id: string) => `${env.APP_URL.replace(/\/$/, '')}/open/leads/${id}`
    expect(buttons).toEqual([
      ['https://app.hubspot.com/contacts/2424242/record/0-1/51', page(withRefs)],
      ['https://www.linkedin.com/in/kim-lee/', page(linkedinOnly)],
      [page(nothing)],
    ])
    expect(JSON.stringify(JSON.parse(bodies[0]!).blocks)).toContain('Phone: +1 212 555 0100')
  })
})

describe('email channels', () => {
  beforeEach(reset)

  it('refuses a non-mailto url for an email channel and a mailto url for Slack', async () => {
    const post = (json: unknown) => api('/v1/admin/channels', { method: 'POST', json })
    expect((await post({ name: 'e', kind: 'email', url: 'https://x.example' })).status).toBe(422)
    expect((await post({ name: 's', kind: 'slack', url: 'mailto:ana@acme.io' })).status).toBe(422)
    expect((await post({ name: 'e', kind: 'email', url: 'mailto:ana@acme.io?bcc=x@evil.example' })).status).toBe(422)
    const ok = await post({ name: 'e', kind: 'email', url: 'mailto:ana@acme.io,sales@acme.io' })
    expect(ok.status).toBe(201)
    expect(await ok.json()).toMatchObject({ channel: { kind: 'email', url: 'mailto:ana@acme.io,sales@acme.io' } })
  })

  it('sends the alert to the channel’s recipients through the send_email binding', async () => {
    const sent: unknown[] = []
    const recording = { send: async (m: unknown) => (sent.push(m), { messageId: '<1@handoff.example>' }) }
    const id = await setup({ kind: 'email', url: 'mailto:ana@acme.io,sales@acme.io' }, { companyName: 'Acme <b>' })
    const ctx: DomainCtx = { ...ctxAt(T0), env: { ...env, EMAIL: recording as unknown as SendEmail } }
    await handOff(ctx, id)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({
      from: { email: env.ALERT_EMAIL_FROM, name: 'Handoff' },
      to: ['ana@acme.io', 'sales@acme.io'],
      subject: 'New lead for Ana Ruiz: Jo Doe (Acme <b>)',
      text: expect.stringContaining('Phone: +1 212 555 0100\n'),
      html: expect.stringContaining('<strong>Jo Doe, Acme &lt;b&gt;</strong>'),
    })
    expect((sent[0] as { text: string }).text).toContain(
      `Open lead: ${env.APP_URL.replace(/\/$/, '')}/open/leads/${id}`,
    )
    expect(await alertState(id)).toMatchObject({ state: 'sent' })
  })

  it('delivers through miniflare’s own send_email binding', async () => {
    const id = await setup({ kind: 'email', url: 'mailto:ana@acme.io' })
    await handOff(ctxAt(T0), id)
    expect(await alertState(id)).toEqual({ state: 'sent', last_error: null })
  })

  it('retries when the binding refuses the message', async () => {
    const refusing = { send: async () => Promise.reject(new Error('email to ana@acme.io not allowed')) }
    const id = await setup({ kind: 'email', url: 'mailto:ana@acme.io' })
    await handOff({ ...ctxAt(T0), random: () => 0, env: { ...env, EMAIL: refusing as unknown as SendEmail } }, id)
    expect(await alertState(id)).toMatchObject({ state: 'pending', last_error: 'email to ana@acme.io not allowed' })
  })
})

describe('GET /open/leads/:id', () => {
  it('answers a page without lead data, the id escaped, under a strict CSP', async () => {
    const res = await api('/open/leads/lead_0193', { token: null })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const csp = res.headers.get('content-security-policy')!
    expect(csp).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'$/,
    )
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    const html = await res.text()
    expect(html).toContain('Open this lead in Handoff')
    expect(html).toContain('<code>lead_0193</code>')
    expect(html).not.toMatch(/<script/i)
    // The CSP hash is the one inline style's.
    const style = /<style>([^<]*)<\/style>/.exec(html)![1]!
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(style))
    expect(csp).toContain(`'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`)
  })

  it('never reflects a hostile id', async () => {
    const res = await api(`/open/leads/${encodeURIComponent('<script>alert(1)</script>')}`, { token: null })
    expect(res.status).toBe(404)
    const html = await res.text()
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('alert(1)')
  })
})
