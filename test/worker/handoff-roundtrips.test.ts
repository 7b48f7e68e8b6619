import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import type { EventInput, LeadInput } from '../../shared/schemas/lead'
import { alerts, leads, slaClocks } from '../../worker/db/schema'
import { ingestEvents } from '../../worker/domain/intake/ingest-events'
import { ingestLead } from '../../worker/domain/intake/ingest-leads'
import { eq } from 'drizzle-orm'
import { ctxAt, db, hotLead, setupOrg } from './brief-fixtures'
import { countRoundTrips } from './round-trips'

describe('D1 round trips of a qualifying intake', () => {
  it('a lead that qualifies on arrival is routed, clocked and alerted within the budget', async () => {
    await setupOrg('hrt')
    await ingestLead(ctxAt(Date.now()), { email: 'warm@hrt.test' }) // stores the default criteria once
    const { leadId } = await ingestLead(ctxAt(Date.now()), hotLead('hot@hrt.test') as LeadInput)
    const demo: EventInput = {
      id: 'hrt-demo',
      email: 'hot@hrt.test',
      type: 'form_submit',
      occurredAt: new Date().toISOString(),
      properties: { form: 'demo_request' },
    }
    ;(globalThis as { TRACE_TRIPS?: boolean }).TRACE_TRIPS = true
    const trips = await countRoundTrips(() => ingestEvents(ctxAt(Date.now()), [demo]))
    const lead = await db.query.leads.findFirst({ where: eq(leads.id, leadId) })
    console.log(`ingestLead (qualifying, routed, clock, alert): ${trips} round trips, status ${lead?.status}`)
    expect(lead?.status).toBe('assigned')
    expect(await db.select().from(slaClocks).where(eq(slaClocks.leadId, leadId))).toHaveLength(1)
    expect((await db.select().from(alerts).where(eq(alerts.leadId, leadId))).length).toBeGreaterThan(0)
    expect(trips).toBeLessThanOrEqual(40)
    void env
  })
})
