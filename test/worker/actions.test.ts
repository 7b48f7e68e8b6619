import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Brief } from '../../shared/schemas/lead'
import { dispositions, leads, touches } from '../../worker/db/schema'
import { api, issueToken } from './helpers'
import { db, demoRequestEvents, hotLead, setupOrg } from './brief-fixtures'

type Org = Awaited<ReturnType<typeof setupOrg>>
let org: Org
let manager: string
const tokens = new Map<string, string>()

/** A hot lead through the API; returns its id and its assignee's token. */
const assignedLead = async (email: string) => {
  await api('/v1/leads', { json: hotLead(email) })
  await api('/v1/events', { json: { events: demoRequestEvents(email, Date.now(), email) } })
  const lead = ((await (await api(`/v1/leads/lookup?email=${encodeURIComponent(email)}`)).json()) as { lead: Brief })
    .lead
  return { id: lead.id, token: tokens.get(lead.assignee!.id)!, repId: lead.assignee!.id }
}

const brief = async (id: string) => ((await (await api(`/v1/leads/${id}`)).json()) as { lead: Brief }).lead

beforeAll(async () => {
  org = await setupOrg('act')
  manager = await issueToken('manager', org.manager.id)
  tokens.set(org.repA.id, await issueToken('rep', org.repA.id))
  tokens.set(org.repB.id, await issueToken('rep', org.repB.id))
})

describe('POST /v1/leads/:id/touch', () => {
  it('records the first touch: contacted, SLA met; later touches change neither', async () => {
    const lead = await assignedLead('touch.one@acme.test')
    const res = await api(`/v1/leads/${lead.id}/touch`, {
      token: lead.token,
      json: { channel: 'call', note: 'Left a voicemail' },
    })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { touch: { first: boolean }; lead: Brief }
    expect(body.touch.first).toBe(true)
    expect(body.lead.status).toBe('contacted')
    expect(body.lead.sla.state).toBe('met')
    const metAt = body.lead.sla.metAt
    const again = (await (
      await api(`/v1/leads/${lead.id}/touch`, { token: lead.token, json: { channel: 'email' } })
    ).json()) as {
      touch: { first: boolean }
      lead: Brief
    }
    expect(again.touch.first).toBe(false)
    expect(again.lead.sla.metAt).toBe(metAt)
    const rows = await db.select().from(touches).where(eq(touches.leadId, lead.id))
    expect(rows.map((r) => [r.channel, r.repId, r.via, r.note])).toEqual(
      expect.arrayContaining([
        ['call', lead.repId, 'rep', 'Left a voicemail'],
        ['email', lead.repId, 'rep', null],
      ]),
    )
  })

  it('lets a manager log a touch, recorded as theirs', async () => {
    const lead = await assignedLead('touch.mgr@acme.test')
    expect((await api(`/v1/leads/${lead.id}/touch`, { token: manager, json: { channel: 'meeting' } })).status).toBe(201)
    const [row] = await db.select().from(touches).where(eq(touches.leadId, lead.id))
    expect(row).toMatchObject({ repId: org.manager.id, channel: 'meeting' })
    const journey = (await (await api(`/v1/leads/${lead.id}/journey`)).json()) as {
      entries: Array<{ kind: string; actor: string | null }>
    }
    expect(journey.entries.find((e) => e.kind === 'touch')?.actor).toBe(org.manager.id)
  })

  it('validates the channel', async () => {
    const lead = await assignedLead('touch.bad@acme.test')
    const res = await api(`/v1/leads/${lead.id}/touch`, { token: lead.token, json: { channel: 'fax' } })
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({ error: { issues: [{ path: 'channel' }] } })
  })

  it('meets the SLA the same way for a CRM sales_touch event', async () => {
    const lead = await assignedLead('touch.crm@acme.test')
    const res = await api('/v1/events', {
      json: {
        events: [
          {
            id: 'crm-touch-1',
            leadId: lead.id,
            type: 'sales_touch',
            occurredAt: new Date().toISOString(),
            properties: { channel: 'call' },
          },
        ],
      },
    })
    expect(res.status).toBe(202)
    const b = await brief(lead.id)
    expect(b).toMatchObject({ status: 'contacted', sla: { state: 'met' } })
    const [row] = await db.select().from(touches).where(eq(touches.leadId, lead.id))
    expect(row).toMatchObject({ via: 'crm', repId: lead.repId, channel: 'call' })
  })
})

describe('POST /v1/leads/:id/disposition', () => {
  const dispose = (id: string, token: string, json: Record<string, unknown>) =>
    api(`/v1/leads/${id}/disposition`, { token, json })

  it('requires a listed reason for disqualified and lost, or "other" with a note', async () => {
    const lead = await assignedLead('dq.reasons@acme.test')
    const issues = async (json: Record<string, unknown>) => {
      const res = await dispose(lead.id, lead.token, json)
      expect(res.status).toBe(422)
      return ((await res.json()) as { error: { issues: Array<{ path: string }> } }).error.issues.map((i) => i.path)
    }
    expect(await issues({ outcome: 'disqualified' })).toEqual(['reason'])
    expect(await issues({ outcome: 'lost' })).toEqual(['reason'])
    expect(await issues({ outcome: 'disqualified', reason: 'did not like the logo' })).toEqual(['reason'])
    expect(await issues({ outcome: 'disqualified', reason: 'other' })).toEqual(['note'])
    expect(await issues({ outcome: 'maybe' })).toEqual(['outcome'])
    expect((await brief(lead.id)).status).toBe('assigned')
    const ok = await dispose(lead.id, lead.token, {
      outcome: 'disqualified',
      reason: 'other',
      note: 'Reseller, not end customer',
    })
    expect(ok.status).toBe(201)
  })

  it('disqualifying before a touch stops the SLA clock and records who and why', async () => {
    const lead = await assignedLead('dq.untouched@acme.test')
    const res = await dispose(lead.id, lead.token, { outcome: 'disqualified', reason: 'No Budget', note: 'FY freeze' })
    expect(res.status).toBe(201)
    const b = ((await res.json()) as { lead: Brief }).lead
    expect(b).toMatchObject({
      status: 'disqualified',
      disqualifiedReason: 'no budget',
      sla: { state: 'none', metAt: null },
    })
    // The brief says the clock was stopped, so clients never recompute it into "overdue".
    expect(Date.parse(b.sla.stoppedAt ?? '')).toBeGreaterThan(0)
    expect(b.sla.history?.map((h) => h.kind)).toContain('stopped')
    const [row] = await db.select().from(dispositions).where(eq(dispositions.leadId, lead.id))
    expect(row).toMatchObject({ outcome: 'disqualified', reason: 'no budget', note: 'FY freeze', actorId: lead.repId })
  })

  it('every closing outcome before a touch stops the clock; accepting keeps it running', async () => {
    for (const outcome of ['won', 'converted', 'lost', 'recycled'] as const) {
      const lead = await assignedLead(`closed.${outcome}@acme.test`)
      const res = await dispose(
        lead.id,
        lead.token,
        outcome === 'lost' ? { outcome, reason: 'no budget' } : { outcome },
      )
      const b = ((await res.json()) as { lead: Brief }).lead
      expect([outcome, b.sla.state, Date.parse(b.sla.stoppedAt ?? '') > 0]).toEqual([outcome, 'none', true])
    }
    const accepted = await assignedLead('closed.accepted@acme.test')
    const res = await dispose(accepted.id, accepted.token, { outcome: 'accepted' })
    expect(((await res.json()) as { lead: Brief }).lead.sla).toMatchObject({ state: 'running', stoppedAt: null })
  })

  it('moves status through accepted → converted → won, recording the amount', async () => {
    const lead = await assignedLead('won.deal@acme.test')
    await api(`/v1/leads/${lead.id}/touch`, { token: lead.token, json: { channel: 'call' } })
    for (const outcome of ['accepted', 'converted'] as const) {
      const res = await dispose(lead.id, lead.token, { outcome })
      expect(((await res.json()) as { lead: Brief }).lead.status).toBe(outcome)
    }
    const res = await dispose(lead.id, manager, { outcome: 'won', amount: 48_000 })
    expect(((await res.json()) as { lead: Brief }).lead.status).toBe('won')
    const row = await db.query.leads.findFirst({ where: eq(leads.id, lead.id) })
    expect(row).toMatchObject({ status: 'won', wonAmount: 48_000 })
    const won = await db
      .select()
      .from(dispositions)
      .where(and(eq(dispositions.leadId, lead.id), eq(dispositions.outcome, 'won')))
    expect(won[0]).toMatchObject({ amount: 48_000, actorId: org.manager.id })
  })

  it('records lost and recycled', async () => {
    const lead = await assignedLead('lost.deal@acme.test')
    await api(`/v1/leads/${lead.id}/touch`, { token: lead.token, json: { channel: 'email' } })
    const lost = await dispose(lead.id, lead.token, { outcome: 'lost', reason: 'chose competitor' })
    expect(((await lost.json()) as { lead: Brief }).lead.status).toBe('lost')
    const recycled = await dispose(lead.id, lead.token, { outcome: 'recycled', note: 'Revisit in Q3' })
    expect(((await recycled.json()) as { lead: Brief }).lead.status).toBe('recycled')
  })
})
