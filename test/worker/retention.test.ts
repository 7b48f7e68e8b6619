import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { CriteriaDocument } from '../../shared/schemas/criteria'
import { score } from '../../shared/scoring/score'
import { eventsForLeadsQueries, groupEvents } from '../../worker/db/queries/events'
import { alerts, events, idempotencyKeys, leads, slaClocks } from '../../worker/db/schema'
import { buildBrief } from '../../worker/domain/brief'
import { applyRetention, RETENTION_BATCH } from '../../worker/domain/retention'
import { DAY, db, HOUR } from './brief-fixtures'
import { api } from './helpers'

const NOW = Date.parse('2026-12-01T12:00:00Z')

const lead = async (id: string) => {
  await db
    .insert(leads)
    .values({ id, email: `${id}@ret.test`, emailNorm: `${id}@ret.test`, createdAt: NOW - 400 * DAY })
  return id
}

const pageView = (leadId: string, n: number, at: number, path: string) => ({
  clientId: `${leadId}-${path}-${n}`,
  leadId,
  type: 'page_view',
  occurredAt: at,
  properties: { path: `${path}?utm=${n}` },
})

/** Points per visit without decay, so folding must keep the score exactly. */
const CRITERIA = {
  fit: [],
  engagement: [
    {
      id: 'pricing',
      label: 'Pricing',
      eventType: 'page_view',
      where: [{ property: 'path', op: 'starts_with', prefix: '/pricing' }],
      points: 5,
      cap: 100,
    },
    { id: 'any', label: 'Any page', eventType: 'page_view', points: 1, cap: 100 },
  ],
  thresholds: { mql: 30, sql: 60 },
} as unknown as CriteriaDocument

const scoreOf = async (leadId: string) => {
  const [rows] = await db.batch(
    eventsForLeadsQueries(db, [leadId]) as [ReturnType<typeof eventsForLeadsQueries>[number]],
  )
  const evs = groupEvents(rows).get(leadId) ?? []
  const r = score({ email: `${leadId}@ret.test` } as never, evs, CRITERIA, NOW)
  return { total: r.total, breakdown: r.breakdown.map((b) => [b.rule, b.points, b.evidence.split(',')[0]]) }
}

describe('retention', () => {
  it('folds raw events past their window into one row per page, and scoring and the brief still count them', async () => {
    const id = await lead('lead_ret_fold')
    const old = NOW - 100 * DAY
    await db
      .insert(events)
      .values([
        ...[1, 2, 3, 4, 5].map((n) => pageView(id, n, old + n * HOUR, '/pricing')),
        ...[1, 2].map((n) => pageView(id, n, old + n * HOUR, '/docs')),
        pageView(id, 9, NOW - DAY, '/pricing'),
      ])
    const before = await scoreOf(id)
    expect(before).toEqual({
      total: 38,
      breakdown: [
        ['engagement:pricing', 30, '6× page_view /pricing'],
        ['engagement:any', 8, '8× page_view'],
      ],
    })
    const timelineBefore = (await buildBrief(db, id, NOW))!.timeline.map((t) => [t.summary, t.count, t.firstAt])

    const done = await applyRetention({ db, now: NOW })
    expect(done).toMatchObject({ eventsFolded: 7, foldedInto: 2 })
    const rows = await db.select().from(events).where(eq(events.leadId, id))
    expect(rows.map((r) => [r.count, r.firstOccurredAt !== null]).sort()).toEqual([
      [1, false],
      [2, true],
      [5, true],
    ])
    const pricing = rows.find((r) => r.count === 5)!
    expect(pricing).toMatchObject({
      firstOccurredAt: old + HOUR,
      occurredAt: old + 5 * HOUR,
      properties: { path: '/pricing?utm=5' },
    })
    expect(await scoreOf(id)).toEqual(before)
    expect((await buildBrief(db, id, NOW))!.timeline.map((t) => [t.summary, t.count, t.firstAt])).toEqual(
      timelineBefore,
    )
    expect(timelineBefore[0]).toEqual(['Visited /pricing 6 times', 6, new Date(old + HOUR).toISOString()])

    // Events that age later join the same folded row.
    await db.insert(events).values([pageView(id, 6, old + 6 * HOUR, '/pricing')])
    expect(await applyRetention({ db, now: NOW })).toMatchObject({ eventsFolded: 1, foldedInto: 1 })
    const again = await db.select().from(events).where(eq(events.leadId, id))
    expect(again.map((r) => r.count).sort()).toEqual([1, 2, 6])
    expect(again.find((r) => r.count === 6)).toMatchObject({ occurredAt: old + 6 * HOUR, firstOccurredAt: old + HOUR })
    // Nothing left to fold: a later pass does nothing.
    expect(await applyRetention({ db, now: NOW })).toMatchObject({ eventsFolded: 0 })
  })

  it('deletes idempotency keys after 24 h, at most a batch per tick, the oldest first', async () => {
    const keys = Array.from({ length: RETENTION_BATCH + 20 }, (_, i) => ({
      key: `ret-key-${String(i).padStart(4, '0')}`,
      status: 201,
      body: '{}',
      createdAt: NOW - 25 * HOUR - i * 1000,
    }))
    for (let i = 0; i < keys.length; i += 20) await db.insert(idempotencyKeys).values(keys.slice(i, i + 20))
    await db
      .insert(idempotencyKeys)
      .values({ key: 'ret-key-fresh', status: 201, body: '{}', createdAt: NOW - 23 * HOUR })
    expect(await applyRetention({ db, now: NOW })).toMatchObject({ idempotencyKeys: RETENTION_BATCH })
    const left = (await db.select({ key: idempotencyKeys.key }).from(idempotencyKeys)).map((r) => r.key).sort()
    // The 20 newest of the expired ones wait for the next tick; the fresh one stays.
    expect(left).toEqual([...keys.slice(0, 20).map((k) => k.key), 'ret-key-fresh'])
    expect(await applyRetention({ db, now: NOW })).toMatchObject({ idempotencyKeys: 20 })
  })

  it('deletes delivered alerts after 30 days, never one of a lead whose clock still has a milestone ahead', async () => {
    const done = await lead('lead_ret_done')
    const running = await lead('lead_ret_running')
    await db.insert(slaClocks).values([
      {
        id: 'clk_ret_done',
        leadId: done,
        assignmentId: 'asg_ret_1',
        policyId: 'p',
        policyName: 'P',
        startedAt: NOW - 60 * DAY,
        dueAt: NOW - 59 * DAY,
        nextCheckAt: null,
      },
      {
        id: 'clk_ret_run',
        leadId: running,
        assignmentId: 'asg_ret_2',
        policyId: 'p',
        policyName: 'P',
        startedAt: NOW - 60 * DAY,
        dueAt: NOW - 59 * DAY,
        nextCheckAt: NOW + HOUR,
      },
    ])
    const alert = (id: string, leadId: string, state: 'sent' | 'failed', sentAt: number | null) => ({
      id,
      dedupeKey: id,
      leadId,
      milestone: 'breach',
      payload: {},
      state,
      createdAt: NOW - 60 * DAY,
      sentAt,
    })
    await db
      .insert(alerts)
      .values([
        alert('al_ret_old', done, 'sent', NOW - 31 * DAY),
        alert('al_ret_recent', done, 'sent', NOW - 29 * DAY),
        alert('al_ret_failed', done, 'failed', null),
        alert('al_ret_running', running, 'sent', NOW - 40 * DAY),
      ])
    expect(await applyRetention({ db, now: NOW })).toMatchObject({ alerts: 1 })
    const ids = ['al_ret_old', 'al_ret_recent', 'al_ret_failed', 'al_ret_running']
    const left = (await db.select({ id: alerts.id }).from(alerts).where(inArray(alerts.id, ids))).map((r) => r.id)
    expect(left.sort()).toEqual(['al_ret_failed', 'al_ret_recent', 'al_ret_running'])
  })

  it('is configurable by admins only, validated with paths, and followed by the next pass', async () => {
    expect(await (await api('/v1/admin/retention')).json()).toEqual({
      idempotencyHours: 24,
      deliveredAlertDays: 30,
      rawEventDays: 90,
    })
    const bad = await api('/v1/admin/retention', {
      method: 'PUT',
      json: { idempotencyHours: 24, deliveredAlertDays: 30, rawEventDays: 1 },
    })
    expect(bad.status).toBe(422)
    expect(JSON.stringify(await bad.json())).toContain('rawEventDays')
    const ok = await api('/v1/admin/retention', {
      method: 'PUT',
      json: { idempotencyHours: 48, deliveredAlertDays: 30, rawEventDays: 30 },
    })
    expect(ok.status).toBe(200)
    const id = await lead('lead_ret_config')
    await db.insert(events).values([pageView(id, 1, NOW - 40 * DAY, '/blog'), pageView(id, 2, NOW - 41 * DAY, '/blog')])
    expect(await applyRetention({ db, now: NOW })).toMatchObject({ eventsFolded: 2, foldedInto: 1 })
    await db.insert(idempotencyKeys).values({ key: 'ret-key-36h', status: 201, body: '{}', createdAt: NOW - 36 * HOUR })
    await applyRetention({ db, now: NOW })
    expect(await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'ret-key-36h'))).toHaveLength(1)
  })
})
