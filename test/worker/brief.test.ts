import { beforeAll, describe, expect, it } from 'vitest'
import { Brief } from '../../shared/schemas/lead'
import { foldTimeline } from '../../worker/domain/brief'
import { buildBrief } from '../../worker/domain/brief'
import { api, issueToken } from './helpers'
import { DAY, db, demoRequestEvents, HOUR, hotLead, MIN, setupOrg } from './brief-fixtures'

describe('the lead brief', () => {
  let org: Awaited<ReturnType<typeof setupOrg>>
  let manager: string
  let leadId: string
  let brief: Brief
  const email = 'jane.brief@acme.test'
  const start = Date.now()

  beforeAll(async () => {
    org = await setupOrg('br')
    manager = await issueToken('manager', org.manager.id)
    const created = await api('/v1/leads', {
      json: hotLead(email, {
        crmRefs: [
          { system: 'salesforce', id: '00Q5e00000AbCdE' },
          { system: 'hubspot', id: '9001' },
        ],
      }),
    })
    expect(created.status).toBe(201)
    leadId = ((await created.json()) as { lead: { id: string } }).lead.id
    const ev = await api('/v1/events', { json: { events: demoRequestEvents(email, start, 'br') } })
    expect(ev.status).toBe(202)
    const res = await api(`/v1/leads/${leadId}`, { token: manager })
    if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`)
    brief = Brief.parse(((await res.json()) as { lead: unknown }).lead)
  })

  it('says who: person, company firmographics, LinkedIn URL, CRM refs (Salesforce normalized to 18)', () => {
    expect(brief).toMatchObject({
      id: leadId,
      email,
      firstName: 'Jane',
      lastName: 'Doe',
      title: 'VP Marketing',
      phone: '+1 555 0100',
      linkedinUrl: 'https://www.linkedin.com/in/jane-doe-1234/',
      company: { name: 'Acme', domain: 'acme.test', industry: 'Software', employees: 400, country: 'US' },
      source: 'webinar',
      campaign: 'q4-launch',
    })
    expect(brief.crmRefs).toEqual(
      expect.arrayContaining([
        { system: 'salesforce', id: '00Q5e00000AbCdEEAV' },
        { system: 'hubspot', id: '9001' },
      ]),
    )
  })

  it('says why now: the demo request that made it hot, and when', () => {
    expect(brief.hot).toBe(true)
    expect(brief.whyNow?.summary).toMatch(/demo/i)
    expect(Date.parse(brief.whyNow!.at)).toBe(Date.parse(new Date(start - MIN).toISOString()))
  })

  it('has the score with its breakdown and criteria version', () => {
    expect(brief.score.total).toBeGreaterThan(0)
    expect(brief.score.total).toBeCloseTo(brief.score.fit + brief.score.engagement, 5)
    expect(brief.score.criteriaVersion).toBe(1)
    const rules = brief.score.breakdown.map((b) => b.rule)
    expect(rules).toEqual(expect.arrayContaining(['fit:senior-title', 'engagement:pricing-visit']))
    for (const b of brief.score.breakdown)
      expect(b).toMatchObject({ label: expect.any(String), points: expect.any(Number), evidence: expect.any(String) })
  })

  it('folds repeated events in a newest-first timeline', () => {
    expect(brief.timeline.map((t) => t.summary)).toEqual([
      'Submitted form demo_request',
      'Visited /security',
      'Downloaded ROI guide',
      'Visited /pricing 3 times',
    ])
    const pricing = brief.timeline[3]!
    expect(pricing).toMatchObject({ type: 'page_view', count: 3 })
    expect(Date.parse(pricing.firstAt)).toBe(Date.parse(new Date(start - 3 * DAY).toISOString()))
    expect(Date.parse(pricing.lastAt)).toBe(Date.parse(new Date(start - DAY).toISOString()))
  })

  it('derives interests and objections with their enablement content', () => {
    expect(brief.interests.map((s) => s.label)).toContain('Pricing')
    const objections = Object.fromEntries(brief.objections.map((o) => [o.label, o]))
    expect(Object.keys(objections)).toEqual(expect.arrayContaining(['price', 'security review']))
    expect(objections['security review']!.content[0]!.url).toMatch(/^https:\/\/example\.com\/enablement\/security/)
  })

  it('carries what they told us', () => {
    expect(brief.message).toBe('We need routing for 40 reps')
    expect(brief.fields).toEqual({ budget: '50k', seats: 40 })
  })

  it('names the assignee and the running SLA of the hot policy', () => {
    expect(brief.status).toBe('assigned')
    expect([org.repA.id, org.repB.id]).toContain(brief.assignee?.id)
    const rep = brief.assignee!.id === org.repA.id ? org.repA : org.repB
    expect(brief.assignee).toEqual({ id: rep.id, name: rep.name, email: rep.email })
    expect(brief.sla).toMatchObject({ policy: 'Hot', metAt: null, state: 'running' })
    expect(Date.parse(brief.sla.dueAt!) - Date.parse(brief.sla.startedAt!)).toBe(5 * MIN)
    expect(brief.sla.history?.[0]?.kind).toBe('started')
  })

  it('shows the SLA state at the time asked (due soon, breached)', async () => {
    const startedAt = Date.parse(brief.sla.startedAt!)
    expect((await buildBrief(db, leadId, startedAt + 4.5 * MIN))!.sla.state).toBe('due_soon')
    expect((await buildBrief(db, leadId, startedAt + 6 * MIN))!.sla.state).toBe('breached')
  })

  it('is 404 for an unknown id', async () => {
    const res = await api('/v1/leads/lead_nope', { token: manager })
    expect(res.status).toBe(404)
  })
})

describe('foldTimeline', () => {
  it('folds by type and page/asset only, keeping the newest properties', () => {
    const t = (type: string, occurredAt: number, properties: Record<string, string>) => ({
      type,
      occurredAt,
      properties,
    })
    const items = foldTimeline([
      t('page_view', 5 * HOUR, { path: '/pricing', ref: 'b' }),
      t('content_download', 4 * HOUR, { asset: 'A' }),
      t('page_view', 3 * HOUR, { path: '/Pricing/', ref: 'a' }),
      t('content_download', 2 * HOUR, { asset: 'B' }),
    ])
    expect(items.map((i) => [i.summary, i.count])).toEqual([
      ['Visited /pricing 2 times', 2],
      ['Downloaded A', 1],
      ['Downloaded B', 1],
    ])
    expect(items[0]!.properties).toEqual({ path: '/pricing', ref: 'b' })
  })
})
