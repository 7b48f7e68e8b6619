import { beforeAll, describe, expect, it } from 'vitest'
import { api, issueToken } from './helpers'
import { demoRequestEvents, hotLead, setupOrg } from './brief-fixtures'

type LeadBody = {
  lead: { id: string; email: string; assignee: { id: string; name: string } | null; disqualificationReasons?: string[] }
}

describe('lookup', () => {
  let manager: string
  let unicodeId: string
  let crmId: string

  beforeAll(async () => {
    const org = await setupOrg('lk')
    manager = await issueToken('manager', org.manager.id)
    const a = await api('/v1/leads', {
      json: {
        email: 'Juergen.Mueller@Example.de',
        linkedinUrl: 'https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-12ab34/',
      },
    })
    unicodeId = ((await a.json()) as LeadBody).lead.id
    const b = await api('/v1/leads', {
      json: {
        email: 'crm.person@example.com',
        crmRefs: [
          { system: 'salesforce', id: '00Q5e00000AbCdE' },
          { system: 'hubspot', id: '51' },
          { system: 'pipedrive', id: '7310' },
        ],
      },
    })
    crmId = ((await b.json()) as LeadBody).lead.id
  })

  const lookup = async (query: string) => {
    const res = await api(`/v1/leads/lookup?${query}`, { token: manager })
    return { status: res.status, id: res.status === 200 ? ((await res.json()) as LeadBody).lead.id : null }
  }

  it('finds by email, case-insensitive and trimmed', async () => {
    expect(await lookup(`email=${encodeURIComponent('  juergen.mueller@EXAMPLE.de ')}`)).toEqual({
      status: 200,
      id: unicodeId,
    })
  })

  it.each([
    'https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-12ab34/',
    'https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-12ab34',
    'https://linkedin.com/in/jürgen-müller-12ab34/',
    'linkedin.com/in/jürgen-müller-12ab34',
    'www.linkedin.com/in/jürgen-müller-12ab34/?trk=public_profile&originalSubdomain=de',
    'http://www.linkedin.com/in/jürgen-müller-12ab34#experience',
    'https://de.linkedin.com/in/J%C3%BCrgen-M%C3%BCller-12ab34/details/experience/?locale=de_DE',
    'https://www.linkedin.com/in/jürgen-müller-12ab34/de/',
    'https://m.linkedin.com/in/jürgen-müller-12ab34/recent-activity/all/',
    'https://www.linkedin.com/mwlite/in/jürgen-müller-12ab34',
    'jürgen-müller-12ab34',
  ])('finds by LinkedIn %s', async (url) => {
    expect(await lookup(`linkedin=${encodeURIComponent(url)}`)).toEqual({ status: 200, id: unicodeId })
  })

  it.each([
    'salesforce:00Q5e00000AbCdE',
    'salesforce:00Q5e00000AbCdEEAV',
    'salesforce:00q5e00000abcdeeav',
    'SALESFORCE: 00Q5e00000AbCdEEAV ',
    'hubspot:51',
    'pipedrive:7310',
  ])('finds by CRM reference %s', async (ref) => {
    expect(await lookup(`crm=${encodeURIComponent(ref)}`)).toEqual({ status: 200, id: crmId })
  })

  it('is 404 when nothing matches', async () => {
    expect((await lookup('email=nobody%40example.com')).status).toBe(404)
    expect((await lookup('linkedin=someone-else-99')).status).toBe(404)
    expect((await lookup('crm=salesforce%3A00Q5e00000AbCdF')).status).toBe(404)
    expect((await lookup('crm=hubspot%3A52')).status).toBe(404)
  })

  it('is 422 for a URL that is no profile, a bad CRM id, or not exactly one key', async () => {
    expect((await lookup(`linkedin=${encodeURIComponent('https://www.linkedin.com/company/acme/')}`)).status).toBe(422)
    expect((await lookup('crm=salesforce%3Ashort')).status).toBe(422)
    expect((await lookup('email=a%40b.co&linkedin=jane-doe')).status).toBe(422)
    expect((await lookup('linkedin=jane-doe&crm=hubspot%3A1')).status).toBe(422)
    expect((await lookup('')).status).toBe(422)
  })

  describe('identity that heals itself', () => {
    const ref = 'salesforce:00Q5e00000HeAlS'
    const both = `crm=${encodeURIComponent(ref)}&email=`

    it('an unknown CRM id with the record email finds the lead and attaches the id; the next lookup goes by id', async () => {
      const created = await api('/v1/leads', { json: { email: 'heal.me@example.com' } })
      const leadId = ((await created.json()) as LeadBody).lead.id
      expect((await lookup(`crm=${encodeURIComponent(ref)}`)).status).toBe(404)
      expect(await lookup(`${both}${encodeURIComponent('Heal.Me@example.com')}`)).toEqual({ status: 200, id: leadId })
      expect(await lookup(`crm=${encodeURIComponent(ref)}`)).toEqual({ status: 200, id: leadId })
    })

    it('never moves an id attached to another lead, and attaches nothing for a rep who may not see the lead', async () => {
      // crmId's lead holds hubspot:51; another lead's email does not take it over.
      await api('/v1/leads', { json: { email: 'other.person@example.com' } })
      const moved = await lookup(`crm=hubspot%3A51&email=other.person%40example.com`)
      expect(moved).toEqual({ status: 200, id: crmId })
      const hidden = await api('/v1/leads', { json: { email: 'not.yours@example.com' } })
      expect(hidden.status).toBeLessThan(300)
      const org = await setupOrg('lk2')
      const rep = await issueToken('rep', org.repA.id)
      const res = await api(`/v1/leads/lookup?crm=hubspot%3A9090&email=not.yours%40example.com`, { token: rep })
      expect(res.status).toBe(403)
      expect((await lookup('crm=hubspot%3A9090')).status).toBe(404)
    })
  })
})

describe('rep isolation', () => {
  let owner: string
  let other: string
  let leadId: string
  let unassignedId: string
  let ownerName: string
  const email = 'isolated.person@acme.test'

  beforeAll(async () => {
    const org = await setupOrg('iso')
    await api('/v1/leads', { json: hotLead(email) })
    await api('/v1/events', { json: { events: demoRequestEvents(email, Date.now(), 'iso') } })
    const res = await api(`/v1/leads/lookup?email=${encodeURIComponent(email)}`)
    const lead = ((await res.json()) as LeadBody).lead
    leadId = lead.id
    ownerName = lead.assignee!.name
    const ownerRep = lead.assignee!.id
    const otherRep = ownerRep === org.repA.id ? org.repB.id : org.repA.id
    owner = await issueToken('rep', ownerRep)
    other = await issueToken('rep', otherRep)
    const u = await api('/v1/leads', { json: { email: 'unassigned.person@acme.test', firstName: 'Una' } })
    unassignedId = ((await u.json()) as LeadBody).lead.id
  })

  it('lets the assignee read, look up and act on the lead', async () => {
    const own = await api(`/v1/leads/${leadId}`, { token: owner })
    expect(own.status).toBe(200)
    // The brief carries the criteria's own reasons, so the rep picks from the list the server checks.
    const reasons = ((await own.json()) as LeadBody).lead.disqualificationReasons
    expect(reasons?.length).toBeGreaterThan(0)
    const criteria = (await (await api('/v1/admin/criteria')).json()) as {
      document: { disqualificationReasons: string[] }
    }
    expect(reasons).toEqual(criteria.document.disqualificationReasons)
    expect((await api(`/v1/leads/lookup?email=${encodeURIComponent(email)}`, { token: owner })).status).toBe(200)
    expect((await api(`/v1/leads/${leadId}/journey`, { token: owner })).status).toBe(200)
  })

  /** 403 with no lead data; on a colleague's lead, only whose it is and whether it was met. */
  const forbidden = async (res: Response, colleague = true) => {
    expect(res.status).toBe(403)
    const text = await res.text()
    expect(JSON.parse(text)).toEqual({
      error: colleague
        ? { code: 'forbidden', message: `Assigned to ${ownerName}`, owner: { name: ownerName, metAt: null } }
        : { code: 'forbidden', message: 'This lead is not assigned to you' },
    })
    for (const secret of [email, 'isolated', 'Jane', 'Doe', 'Acme', leadId, 'webinar'])
      expect(text).not.toContain(secret)
  }

  it('answers 403 without lead data to another rep, on every route', async () => {
    await forbidden(await api(`/v1/leads/${leadId}`, { token: other }))
    await forbidden(await api(`/v1/leads/lookup?email=${encodeURIComponent(email)}`, { token: other }))
    await forbidden(await api(`/v1/leads/lookup?linkedin=jane-doe-1234`, { token: other }))
    await forbidden(await api(`/v1/leads/${leadId}/journey`, { token: other }))
    await forbidden(await api(`/v1/leads/${leadId}/touch`, { token: other, json: { channel: 'call' } }))
    await forbidden(await api(`/v1/leads/${leadId}/disposition`, { token: other, json: { outcome: 'accepted' } }))
    const brief = await api(`/v1/leads/${leadId}`, { token: owner })
    expect(((await brief.json()) as { lead: { status: string } }).lead.status).toBe('assigned')
  })

  it("treats unassigned leads as not the rep's (403), unknown ones as 404", async () => {
    await forbidden(await api(`/v1/leads/${unassignedId}`, { token: other }), false)
    expect((await api('/v1/leads/lead_does_not_exist', { token: other })).status).toBe(404)
    expect((await api('/v1/leads/lookup?email=ghost%40acme.test', { token: other })).status).toBe(404)
  })

  it('refuses intake tokens', async () => {
    const intake = await issueToken('intake')
    expect((await api(`/v1/leads/${leadId}`, { token: intake })).status).toBe(403)
  })
})
