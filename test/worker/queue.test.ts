import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { EventInput, LeadInput, Queue } from '../../shared/schemas/lead'
import { leads, reps } from '../../worker/db/schema'
import { ingestEvents } from '../../worker/domain/intake/ingest-events'
import { ingestLead } from '../../worker/domain/intake/ingest-leads'
import { repQueue } from '../../worker/domain/queue'
import { recordDisposition } from '../../worker/domain/disposition'
import { recordTouch } from '../../worker/domain/touch'
import { api, issueToken } from './helpers'
import { ctxAt, DAY, db, HOUR, hotLead, MIN, setupOrg } from './brief-fixtures'

const T0 = Math.floor((Date.now() - 2 * DAY) / MIN) * MIN

/** A lead handed off at `at`: hot (demo request, 5-minute policy) or SQL by score (60-minute policy). */
const handOffAt = async (email: string, at: number, kind: 'hot' | 'sql') => {
  const { leadId } = await ingestLead(ctxAt(at), hotLead(email) as LeadInput)
  const iso = (ms: number) => new Date(ms).toISOString()
  const events: EventInput[] =
    kind === 'hot'
      ? [{ id: `${email}-demo`, email, type: 'form_submit', occurredAt: iso(at), properties: { form: 'demo_request' } }]
      : [1, 2, 3].map((i) => ({
          id: `${email}-p${i}`,
          email,
          type: 'page_view',
          occurredAt: iso(at - i * MIN),
          properties: { path: '/pricing' },
        }))
  await ingestEvents(ctxAt(at), events)
  const row = await db.query.leads.findFirst({ where: eq(leads.id, leadId) })
  expect(row).toMatchObject({ status: 'assigned', hot: kind === 'hot' })
  return leadId
}

describe('the rep queue', () => {
  let org: Awaited<ReturnType<typeof setupOrg>>
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    org = await setupOrg('q')
    // Only rep A takes leads here.
    await db.update(reps).set({ active: false }).where(eq(reps.id, org.repB.id))
    ids.h1 = await handOffAt('h1@q.test', T0, 'hot') // due T0+5m, amber from T0+4m
    ids.s1 = await handOffAt('s1@q.test', T0 + MIN, 'sql') // due T0+61m, amber from T0+49m
    ids.h2 = await handOffAt('h2@q.test', T0 + 2 * MIN, 'hot') // due T0+7m, amber from T0+6m
    ids.h3 = await handOffAt('h3@q.test', T0 + 3 * MIN, 'hot')
    await recordTouch(ctxAt(T0 + 3.5 * MIN), {
      leadId: ids.h3,
      channel: 'call',
      via: 'rep',
      repId: org.repA.id,
      at: T0 + 3.5 * MIN,
    })
  })

  const at = async (offset: number) => {
    const q = await repQueue(db, org.repA.id, T0 + offset)
    return {
      order: q.leads.map((l) => Object.entries(ids).find(([, id]) => id === l.id)![0]),
      counts: q.counts,
      states: q.leads.map((l) => l.sla.state),
    }
  }

  it('leaves touched leads out', async () => {
    expect((await at(4 * MIN)).order).not.toContain('h3')
  })

  it('while everything runs: hot leads first, the newest first, then the others', async () => {
    expect(await at(3.9 * MIN)).toEqual({
      order: ['h2', 'h1', 's1'],
      counts: { open: 3, dueSoon: 0, overdue: 0 },
      states: ['running', 'running', 'running'],
    })
  })

  it('puts fresh leads first, then due soon, then overdue (what to do now, not the oldest failure)', async () => {
    expect(await at(6 * MIN)).toEqual({
      order: ['s1', 'h2', 'h1'],
      counts: { open: 3, dueSoon: 1, overdue: 1 },
      states: ['running', 'due_soon', 'breached'],
    })
  })

  it('puts a due-soon lead before the overdue ones, and the newest breach first among those', async () => {
    expect(await at(50 * MIN)).toEqual({
      order: ['s1', 'h2', 'h1'],
      counts: { open: 3, dueSoon: 1, overdue: 2 },
      states: ['due_soon', 'breached', 'breached'],
    })
  })

  it('turns a lead amber at its last warning point (80% of the policy)', async () => {
    // At T0+4.5m h1 (4 of its 5 minutes used) is amber, h2 and s1 are not (and come first: still fresh).
    expect(await at(4.5 * MIN)).toMatchObject({ order: ['h2', 's1', 'h1'], states: ['running', 'running', 'due_soon'] })
  })

  it("serves the same queue at GET /v1/me/queue, for the rep's own token only", async () => {
    const token = await issueToken('rep', org.repA.id)
    const res = await api('/v1/me/queue', { token })
    expect(res.status).toBe(200)
    const body = (await res.json()) as Queue
    const expected = await repQueue(db, org.repA.id, Date.parse(body.now))
    expect(body.leads.map((l) => l.id)).toEqual(expected.leads.map((l) => l.id))
    expect(body.counts).toEqual({ open: 3, dueSoon: 0, overdue: 3 })
    // Rep B was deactivated above, so its token no longer works at all (contract v1.1).
    const other = await issueToken('rep', org.repB.id)
    expect((await api('/v1/me/queue', { token: other })).status).toBe(401)
    // A colleague who is active sees an empty queue of their own, never rep A's leads.
    const mgr = await issueToken('rep', org.manager.id)
    expect(((await (await api('/v1/me/queue', { token: mgr })).json()) as Queue).counts).toEqual({
      open: 0,
      dueSoon: 0,
      overdue: 0,
    })
    expect((await api('/v1/me/queue', { token: await issueToken('intake') })).status).toBe(403)
  })

  it('GET /v1/me tells who the token belongs to', async () => {
    const token = await issueToken('rep', org.repA.id)
    expect(await (await api('/v1/me', { token })).json()).toEqual({
      role: 'rep',
      name: `rep ${org.repA.id}`,
      rep: { id: org.repA.id, name: org.repA.name, email: org.repA.email, timeZone: 'UTC' },
    })
    expect(await (await api('/v1/me')).json()).toMatchObject({ role: 'admin', rep: null })
  })
})

describe('the queue tabs: follow up and closed today', () => {
  // 22:00 in New York on 2 Dec 2026 (EST, UTC-5): the rep's day began at 05:00 UTC, the UTC day two hours ago.
  const NOW = Date.UTC(2026, 11, 3, 3, 0)
  const ids: Record<string, string> = {}
  let repId = ''
  const name = (id: string) => Object.entries(ids).find(([, v]) => v === id)![0]

  beforeAll(async () => {
    const org = await setupOrg('qt')
    repId = org.repA.id
    await db.update(reps).set({ timeZone: 'America/New_York' }).where(eq(reps.id, repId))
    for (const key of ['quiet', 'recent', 'accepted', 'wonToday', 'lostLastNight', 'open']) {
      const { leadId } = await ingestLead(ctxAt(NOW - 3 * DAY), hotLead(`${key}@qt.test`) as LeadInput)
      await db.update(leads).set({ assigneeId: repId, status: 'assigned' }).where(eq(leads.id, leadId))
      ids[key] = leadId
    }
    const touch = (key: string, at: number) =>
      recordTouch(ctxAt(at), { leadId: ids[key]!, channel: 'call', via: 'rep', repId, at })
    const close = (key: string, outcome: 'won' | 'lost' | 'accepted', at: number) =>
      recordDisposition(ctxAt(at), { leadId: ids[key]!, outcome, actorId: repId, at, reason: 'competitor', amount: 10 })
    await touch('quiet', NOW - 2 * DAY)
    await touch('recent', NOW - 3 * DAY)
    await touch('recent', NOW - HOUR)
    await close('accepted', 'accepted', NOW - DAY)
    await touch('wonToday', NOW - 2 * DAY)
    await close('wonToday', 'won', Date.UTC(2026, 11, 2, 6, 0)) // 01:00 in New York: today
    await touch('lostLastNight', NOW - 2 * DAY)
    await close('lostLastNight', 'lost', Date.UTC(2026, 11, 2, 4, 0)) // 23:00 the day before in New York
  })

  const tab = async (view: 'follow_up' | 'closed_today') => {
    const q = await repQueue(db, repId, NOW, view)
    return { view: q.view, order: q.leads.map((l) => name(l.id)), counts: q.counts }
  }

  it('"Follow up": leads being worked, the untouched accepted one and then the longest without a touch first', async () => {
    expect(await tab('follow_up')).toEqual({
      view: 'follow_up',
      order: ['accepted', 'quiet', 'recent'],
      // The counts stay those of "To contact" (the badge's): one lead still awaits its first touch (with no clock here).
      counts: { open: 1, dueSoon: 0, overdue: 0 },
    })
  })

  it('"Closed today": closed since midnight in the rep\'s own time zone, newest first', async () => {
    expect(await tab('closed_today')).toMatchObject({ view: 'closed_today', order: ['wonToday'] })
  })

  it('is served at GET /v1/me/queue?view=, and an unknown view is a 422 with its path', async () => {
    const token = await issueToken('rep', repId)
    const res = await api('/v1/me/queue?view=follow_up', { token })
    expect(res.status).toBe(200)
    const body = (await res.json()) as Queue
    expect(body.view).toBe('follow_up')
    expect(body.leads.map((l) => name(l.id)).sort()).toEqual(['accepted', 'quiet', 'recent'])
    const bad = await api('/v1/me/queue?view=everything', { token })
    expect(bad.status).toBe(422)
    expect(JSON.stringify(await bad.json())).toContain('view')
  })
})
