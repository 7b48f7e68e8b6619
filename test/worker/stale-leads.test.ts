import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { EventInput, LeadInput, Queue } from '../../shared/schemas/lead'
import type { ManagerQueue } from '../../shared/schemas/manager'
import { runTick } from '../../worker/cron'
import { alerts, leadHistory, leads, reps, slaClocks, slaPolicies } from '../../worker/db/schema'
import { ingestEvents } from '../../worker/domain/intake/ingest-events'
import { ingestLead } from '../../worker/domain/intake/ingest-leads'
import { repQueue } from '../../worker/domain/queue'
import { slaSummary } from '../../worker/domain/sla/summary'
import { ctxAt, DAY, db, hotLead, MIN, setupOrg } from './brief-fixtures'
import { api, issueToken } from './helpers'

const T0 = Math.floor((Date.now() - 10 * DAY) / MIN) * MIN

describe('the stale-lead lifecycle (a recycle step on the SLA policy)', () => {
  let org: Awaited<ReturnType<typeof setupOrg>>
  let leadId = ''

  beforeAll(async () => {
    org = await setupOrg('stale')
    await db.update(reps).set({ active: false }).where(eq(reps.id, org.repB.id))
    // Hot: 5 minutes, an alert at the breach, and recycled if still untouched 3 days after it.
    await db
      .update(slaPolicies)
      .set({
        escalation: [
          { action: 'alert', on: 'breach', afterMinutes: 0, to: ['rep', 'manager'] },
          { action: 'recycle', on: 'breach', afterMinutes: 3 * 24 * 60 },
        ],
      })
      .where(eq(slaPolicies.id, 'stale_hot'))
    leadId = (await ingestLead(ctxAt(T0), hotLead('old@stale.test') as LeadInput)).leadId
    const demo: EventInput = {
      id: 'stale-demo',
      email: 'old@stale.test',
      type: 'form_submit',
      occurredAt: new Date(T0).toISOString(),
      properties: { form: 'demo_request' },
    }
    await ingestEvents(ctxAt(T0), [demo])
    expect(await db.query.leads.findFirst({ where: eq(leads.id, leadId) })).toMatchObject({
      status: 'assigned',
      assigneeId: org.repA.id,
    })
  })

  it('keeps a breached lead in the rep queue until the recycle step, then recycles it exactly once', async () => {
    await runTick(ctxAt(T0 + 10 * MIN)) // breached: still the rep's, overdue
    expect((await repQueue(db, org.repA.id, T0 + 10 * MIN)).counts).toMatchObject({ open: 1, overdue: 1 })
    await runTick(ctxAt(T0 + 2 * DAY))
    expect((await db.query.leads.findFirst({ where: eq(leads.id, leadId) }))!.status).toBe('assigned')

    // Three days after the breach (T0 + 5 min): two overlapping ticks, one recycle.
    const at = T0 + 5 * MIN + 3 * DAY + MIN
    await Promise.all([runTick(ctxAt(at)), runTick(ctxAt(at))])
    const lead = (await db.query.leads.findFirst({ where: eq(leads.id, leadId) }))!
    expect(lead.status).toBe('recycled')
    // The rep's badge stops counting it.
    expect((await repQueue(db, org.repA.id, at)).counts).toEqual({ open: 0, dueSoon: 0, overdue: 0 })
    const clock = (await db.select().from(slaClocks).where(eq(slaClocks.leadId, leadId)))[0]!
    expect(clock.stoppedAt).not.toBeNull()
    expect(clock.nextCheckAt).toBeNull()
    const told = (await db.select().from(alerts).where(eq(alerts.leadId, leadId)))
      .filter((a) => a.milestone === 'escalation_1')
      .map((a) => a.recipient)
      .sort()
    expect(told).toEqual(['manager', 'rep'])
    // The journey says what happened and why, once.
    const journey = await db.select().from(leadHistory).where(eq(leadHistory.leadId, leadId))
    const recycled = journey.filter((h) => (h.data as { action?: string }).action === 'recycle')
    expect(recycled).toHaveLength(1)
    expect((recycled[0]!.data as { reason: string }).reason).toMatch(/^No first touch 3 d after the Hot SLA breach$/)
    expect(journey.filter((h) => h.kind === 'disposition')).toHaveLength(1)
    // The brief's clock history says it in the rep's words.
    expect((await slaSummary(db, leadId, at)).history).toContainEqual({
      at: expect.any(String),
      kind: 'recycle',
      detail: "Still untouched 3 d after the Hot SLA breach: recycled, back to the managers' queue",
    })
    const before = (await db.select().from(alerts).where(eq(alerts.leadId, leadId))).length
    await runTick(ctxAt(at + DAY)) // nothing left to do: no new alert, no second recycle
    expect((await db.select().from(alerts).where(eq(alerts.leadId, leadId))).length).toBe(before)
  })

  it("shows the recycled lead in the managers' queue as returned, and no longer in the rep's queue", async () => {
    const manager = await issueToken('manager', org.manager.id)
    const mq = (await (await api('/v1/manager/queue', { token: manager })).json()) as ManagerQueue
    expect(mq.items.filter((i) => i.lead.id === leadId).map((i) => i.reason)).toEqual(['returned'])
    const rep = await issueToken('rep', org.repA.id)
    const q = (await (await api('/v1/me/queue', { token: rep })).json()) as Queue
    expect(q.leads.map((l) => l.id)).not.toContain(leadId)
  })

  it('leaves a lead alone when it was touched before the recycle step', async () => {
    const id = (await ingestLead(ctxAt(T0), hotLead('touched@stale.test') as LeadInput)).leadId
    await ingestEvents(ctxAt(T0 + MIN), [
      {
        id: 'stale-demo-2',
        email: 'touched@stale.test',
        type: 'form_submit',
        occurredAt: new Date(T0 + MIN).toISOString(),
        properties: { form: 'demo_request' },
      },
    ])
    await runTick(ctxAt(T0 + 10 * MIN))
    const token = await issueToken('rep', org.repA.id)
    expect((await api(`/v1/leads/${id}/touch`, { token, json: { channel: 'call' } })).status).toBe(201)
    await runTick(ctxAt(T0 + 4 * DAY))
    expect((await db.query.leads.findFirst({ where: eq(leads.id, id) }))!.status).toBe('contacted')
  })
})
