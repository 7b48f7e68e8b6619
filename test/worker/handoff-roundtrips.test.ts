import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { EventInput, LeadInput } from '../../shared/schemas/lead'
import { alerts, leads, slaClocks } from '../../worker/db/schema'
import { ingestEvents } from '../../worker/domain/intake/ingest-events'
import { ingestLead } from '../../worker/domain/intake/ingest-leads'
import { ctxAt, db, hotLead, setupOrg } from './brief-fixtures'
import { countRoundTrips } from './round-trips'

/** Issue 12's budget: a qualifying intake answers within 4 D1 round trips (delivery happens after, in waitUntil). */
const BUDGET = 4

describe('D1 round trips of a qualifying intake', () => {
  it('an event that qualifies a lead routes it, starts its clock and queues its alert within the budget', async () => {
    await setupOrg('hrt')
    const { leadId } = await ingestLead(ctxAt(Date.now()), hotLead('hot@hrt.test') as LeadInput)
    const demo: EventInput = {
      id: 'hrt-demo',
      email: 'hot@hrt.test',
      type: 'form_submit',
      occurredAt: new Date().toISOString(),
      properties: { form: 'demo_request' },
    }
    const later: Promise<unknown>[] = []
    const ctx = { ...ctxAt(Date.now()), waitUntil: (p: Promise<unknown>) => void later.push(p) }
    const trips = await countRoundTrips(() => ingestEvents(ctx, [demo]))
    await Promise.all(later)
    const lead = await db.query.leads.findFirst({ where: eq(leads.id, leadId) })
    console.log(`qualifying event (routed, clock, alert queued): ${trips} round trips before the answer`)
    expect(lead).toMatchObject({ status: 'assigned', hot: true })
    expect(await db.select().from(slaClocks).where(eq(slaClocks.leadId, leadId))).toHaveLength(1)
    const sent = await db.select().from(alerts).where(eq(alerts.leadId, leadId))
    expect(sent.map((a) => [a.milestone, a.recipient, a.state])).toEqual([['assigned', 'rep', 'sent']])
    expect(trips).toBeLessThanOrEqual(BUDGET)
  })
})
