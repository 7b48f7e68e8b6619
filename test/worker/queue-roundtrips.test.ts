/**
 * The queue's cost does not grow with its length: counts and order come from one batched read of the
 * rep's leads and clocks, the first page's briefs from a second. And the bulk briefs are the same briefs
 * a single lead gets.
 */
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { EventInput, LeadInput } from '../../shared/schemas/lead'
import { reps } from '../../worker/db/schema'
import { buildBrief, buildBriefs } from '../../worker/domain/brief'
import { ingestEvents } from '../../worker/domain/intake/ingest-events'
import { ingestLead } from '../../worker/domain/intake/ingest-leads'
import { repQueue } from '../../worker/domain/queue'
import { ctxAt, db, hotLead, MIN, setupOrg } from './brief-fixtures'
import { countRoundTrips } from './round-trips'

const T0 = Math.floor((Date.now() - 60 * MIN) / MIN) * MIN

const handOff = async (email: string, at: number) => {
  const { leadId } = await ingestLead(ctxAt(at), hotLead(email) as LeadInput)
  const events: EventInput[] = [
    {
      id: `${email}-p`,
      email,
      type: 'page_view',
      occurredAt: new Date(at - MIN).toISOString(),
      properties: { path: '/pricing' },
    },
    {
      id: `${email}-d`,
      email,
      type: 'form_submit',
      occurredAt: new Date(at).toISOString(),
      properties: { form: 'demo_request' },
    },
  ]
  await ingestEvents(ctxAt(at), events)
  return leadId
}

describe('GET /v1/me/queue cost', () => {
  let org: Awaited<ReturnType<typeof setupOrg>>
  const ids: string[] = []

  beforeAll(async () => {
    org = await setupOrg('qrt')
    await db.update(reps).set({ active: false }).where(eq(reps.id, org.repB.id))
  })

  it.each([1, 10, 40])(
    'takes 2 round trips with %i open leads',
    async (n) => {
      while (ids.length < n) ids.push(await handOff(`l${ids.length}@qrt.test`, T0 + ids.length * 1000))
      let queue: Awaited<ReturnType<typeof repQueue>> | undefined
      const trips = await countRoundTrips(async () => {
        queue = await repQueue(db, org.repA.id, T0 + 50 * MIN)
      })
      console.log(`queue with ${n} open leads: ${trips} round trips`)
      expect(queue!.counts.open).toBe(n)
      expect(queue!.leads).toHaveLength(n)
      expect(trips).toBe(2)
    },
    60_000,
  )

  it('builds the same briefs in bulk as one by one', async () => {
    const now = T0 + 3 * MIN
    const bulk = await buildBriefs(db, [...ids.slice(0, 5), 'lead_missing'], now)
    expect(bulk.map((b) => b.id)).toEqual(ids.slice(0, 5))
    for (const b of bulk) expect(b).toEqual(await buildBrief(db, b.id, now))
  })
})
