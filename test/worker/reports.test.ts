import { beforeAll, describe, expect, it } from 'vitest'
import { assignments, dispositions, leads, slaClocks } from '../../worker/db/schema'
import { api, issueToken } from './helpers'
import { DAY, db, HOUR, MIN, setupOrg } from './brief-fixtures'

/** Monday 2026-10-05 12:00 UTC. */
const B = Date.UTC(2026, 9, 5, 12)
const RANGE = 'from=2026-10-01&to=2026-11-01'

type Org = Awaited<ReturnType<typeof setupOrg>>
let org: Org
let manager: string

/**
 * The hand-computed dataset (see each expectation):
 * L1 web/c1 → A at B, touched +2m, won 10,000      L2 web/c1 → A at B+1d, touched +30m, lost (timing)
 * L3 web/c2 → B at B+2d, touched +3h (late), dq (no budget)   L4 ads/c3 → B at B+8d, never touched (overdue)
 * L5 ads/c3 → B at B+9d, breached, reassigned to A at +20m, touched +24m from hand-off, converted
 * L6 ads/–, MQL only, never handed off      L8 web/c2 → A at B+10d, clock stopped at +10m, dq (student)
 * L7 web/c1 in September (outside the range), won.
 */
const seed = async () => {
  const A = org.repA.id
  const Bo = org.repB.id
  const lead = (n: number, source: string, campaign: string | null, createdAt: number, sql = true) => ({
    id: `rp_l${n}`,
    emailNorm: `l${n}@rp.test`,
    email: `l${n}@rp.test`,
    source,
    campaign,
    status: 'assigned',
    createdAt,
    updatedAt: createdAt,
    mqlAt: createdAt + MIN,
    sqlAt: sql ? createdAt + 2 * MIN : null,
  })
  const L7 = Date.UTC(2026, 8, 20, 12)
  // One row per statement: D1 binds at most 100 parameters per statement.
  const leadRows: Array<typeof leads.$inferInsert> = [
    { ...lead(1, 'web', 'c1', B - HOUR), assigneeId: A, firstTouchAt: B + 2 * MIN },
    { ...lead(2, 'web', 'c1', B + DAY - HOUR), assigneeId: A, firstTouchAt: B + DAY + 30 * MIN },
    { ...lead(3, 'web', 'c2', B + 2 * DAY - HOUR), assigneeId: Bo, firstTouchAt: B + 2 * DAY + 3 * HOUR },
    { ...lead(4, 'ads', 'c3', B + 8 * DAY - HOUR), assigneeId: Bo },
    { ...lead(5, 'ads', 'c3', B + 9 * DAY - HOUR), assigneeId: A, firstTouchAt: B + 9 * DAY + 24 * MIN },
    { ...lead(6, 'ads', null, B + 3 * DAY, false), status: 'mql' },
    { ...lead(7, 'web', 'c1', L7 - HOUR), assigneeId: A, firstTouchAt: L7 + MIN },
    { ...lead(8, 'web', 'c2', B + 10 * DAY - HOUR), assigneeId: A },
  ]
  const assignmentRows: Array<typeof assignments.$inferInsert> = [
    { id: 'rp_a1', leadId: 'rp_l1', repId: A, rule: 'r', reason: 'r', assignedAt: B },
    { id: 'rp_a2', leadId: 'rp_l2', repId: A, rule: 'r', reason: 'r', assignedAt: B + DAY },
    { id: 'rp_a3', leadId: 'rp_l3', repId: Bo, rule: 'r', reason: 'r', assignedAt: B + 2 * DAY },
    { id: 'rp_a4', leadId: 'rp_l4', repId: Bo, rule: 'r', reason: 'r', assignedAt: B + 8 * DAY },
    {
      id: 'rp_a5',
      leadId: 'rp_l5',
      repId: Bo,
      rule: 'r',
      reason: 'r',
      assignedAt: B + 9 * DAY,
      endedAt: B + 9 * DAY + 20 * MIN,
      endReason: 'reassigned after breach',
    },
    { id: 'rp_a5b', leadId: 'rp_l5', repId: A, rule: 'reassign', reason: 'r', assignedAt: B + 9 * DAY + 20 * MIN },
    { id: 'rp_a7', leadId: 'rp_l7', repId: A, rule: 'r', reason: 'r', assignedAt: L7 },
    { id: 'rp_a8', leadId: 'rp_l8', repId: A, rule: 'r', reason: 'r', assignedAt: B + 10 * DAY },
  ]
  const clockRows: Array<typeof slaClocks.$inferInsert> = [
    {
      id: 'rp_c1',
      leadId: 'rp_l1',
      assignmentId: 'rp_a1',
      repId: A,
      policyName: 'Hot',
      startedAt: B,
      dueAt: B + 5 * MIN,
      metAt: B + 2 * MIN,
    },
    {
      id: 'rp_c2',
      leadId: 'rp_l2',
      assignmentId: 'rp_a2',
      repId: A,
      policyName: 'SQL',
      startedAt: B + DAY,
      dueAt: B + DAY + HOUR,
      metAt: B + DAY + 30 * MIN,
    },
    {
      id: 'rp_c3',
      leadId: 'rp_l3',
      assignmentId: 'rp_a3',
      repId: Bo,
      policyName: 'SQL',
      startedAt: B + 2 * DAY,
      dueAt: B + 2 * DAY + HOUR,
      breachedAt: B + 2 * DAY + HOUR,
      metAt: B + 2 * DAY + 3 * HOUR,
    },
    {
      id: 'rp_c4',
      leadId: 'rp_l4',
      assignmentId: 'rp_a4',
      repId: Bo,
      policyName: 'SQL',
      startedAt: B + 8 * DAY,
      dueAt: B + 8 * DAY + HOUR,
    },
    {
      id: 'rp_c5',
      leadId: 'rp_l5',
      assignmentId: 'rp_a5',
      repId: Bo,
      policyName: 'Hot',
      startedAt: B + 9 * DAY,
      dueAt: B + 9 * DAY + 5 * MIN,
      breachedAt: B + 9 * DAY + 5 * MIN,
    },
    {
      id: 'rp_c5b',
      leadId: 'rp_l5',
      assignmentId: 'rp_a5b',
      repId: A,
      policyName: 'Hot',
      startedAt: B + 9 * DAY + 20 * MIN,
      dueAt: B + 9 * DAY + 25 * MIN,
      metAt: B + 9 * DAY + 24 * MIN,
    },
    {
      id: 'rp_c7',
      leadId: 'rp_l7',
      assignmentId: 'rp_a7',
      repId: A,
      policyName: 'Hot',
      startedAt: L7,
      dueAt: L7 + 5 * MIN,
      metAt: L7 + MIN,
    },
    {
      id: 'rp_c8',
      leadId: 'rp_l8',
      assignmentId: 'rp_a8',
      repId: A,
      policyName: 'SQL',
      startedAt: B + 10 * DAY,
      dueAt: B + 10 * DAY + HOUR,
      stoppedAt: B + 10 * DAY + 10 * MIN,
    },
  ]
  const dispositionRows: Array<typeof dispositions.$inferInsert> = [
    { id: 'rp_d1', leadId: 'rp_l1', outcome: 'accepted', at: B + HOUR },
    { id: 'rp_d2', leadId: 'rp_l1', outcome: 'converted', at: B + 2 * HOUR },
    { id: 'rp_d3', leadId: 'rp_l1', outcome: 'won', amount: 10_000, at: B + 20 * DAY },
    { id: 'rp_d4', leadId: 'rp_l2', outcome: 'accepted', at: B + DAY + HOUR },
    { id: 'rp_d5', leadId: 'rp_l2', outcome: 'lost', reason: 'timing', at: B + 5 * DAY },
    { id: 'rp_d6', leadId: 'rp_l3', outcome: 'disqualified', reason: 'no budget', at: B + 3 * DAY },
    { id: 'rp_d7', leadId: 'rp_l5', outcome: 'accepted', at: B + 9 * DAY + HOUR },
    { id: 'rp_d8', leadId: 'rp_l5', outcome: 'converted', at: B + 9 * DAY + 2 * HOUR },
    { id: 'rp_d9', leadId: 'rp_l8', outcome: 'disqualified', reason: 'student', at: B + 10 * DAY + 10 * MIN },
    { id: 'rp_d10', leadId: 'rp_l7', outcome: 'won', amount: 99_999, at: L7 + DAY },
  ]
  for (const r of leadRows) await db.insert(leads).values(r)
  for (const r of assignmentRows) await db.insert(assignments).values(r)
  for (const r of clockRows) await db.insert(slaClocks).values(r)
  for (const r of dispositionRows) await db.insert(dispositions).values(r)
}

const get = async <T>(path: string, token = manager) => {
  const res = await api(path, { token })
  expect(res.status).toBe(200)
  return (await res.json()) as T
}

type SpeedRow = {
  key: string | null
  label: string
  leads: number
  touched: number
  medianSeconds: number | null
  p90Seconds: number | null
  medianMs: number | null
  p90Ms: number | null
  within5mShare: number
  within1hShare: number
  neverShare: number
  histogram: Array<{ label: string; fromMs: number; toMs: number | null; count: number }>
}

beforeAll(async () => {
  org = await setupOrg('rp')
  manager = await issueToken('manager', org.manager.id)
  await seed()
})

describe('speed to lead', () => {
  const speed = (groupBy: string) =>
    get<{ from: string; to: string; total: SpeedRow; rows: SpeedRow[] }>(
      `/v1/reports/speed-to-lead?${RANGE}&groupBy=${groupBy}`,
    )

  it('per rep: time charged to the owner who held the clock; total from first hand-off to first touch', async () => {
    const r = await speed('rep')
    expect(r.from).toBe('2026-10-01T00:00:00.000Z')
    expect(r.total).toMatchObject({
      leads: 6,
      touched: 4,
      medianSeconds: 1440,
      p90Seconds: 10_800,
      within5mShare: 0.1667,
      within1hShare: 0.5,
      neverShare: 0.3333,
    })
    const byKey = Object.fromEntries(r.rows.map((x) => [x.key, x]))
    // A held a1 (L1, 2 min), a2 (L2, 30 min), a5b (L5 from A's own hand-off at +20 min to the touch at +24 min:
    // 4 min, not 24) and a8 (L8, never). Sorted 2, 4, 30 min: median rank ceil(3 × 0.5) = 2 → 4 min = 240 s;
    // p90 rank ceil(3 × 0.9) = 3 → 30 min. Within 5 min: 2 of 4; within 1 h: 3 of 4; never: 1 of 4.
    expect(byKey[org.repA.id]).toEqual({
      key: org.repA.id,
      label: org.repA.name,
      leads: 4,
      touched: 3,
      medianSeconds: 240,
      p90Seconds: 1800,
      medianMs: 240_000,
      p90Ms: 1_800_000,
      within5mShare: 0.5,
      within1hShare: 0.75,
      neverShare: 0.25,
      histogram: [
        { label: '< 5 min', fromMs: 0, toMs: 300_000, count: 2 },
        { label: '5–15 min', fromMs: 300_000, toMs: 900_000, count: 0 },
        { label: '15–30 min', fromMs: 900_000, toMs: 1_800_000, count: 0 },
        { label: '30–60 min', fromMs: 1_800_000, toMs: 3_600_000, count: 1 },
        { label: '1–4 h', fromMs: 3_600_000, toMs: 14_400_000, count: 0 },
        { label: '4–24 h', fromMs: 14_400_000, toMs: 86_400_000, count: 0 },
        { label: '≥ 24 h', fromMs: 86_400_000, toMs: null, count: 0 },
      ],
    })
    // B held a3 (L3, 3 h), a4 (L4, never) and a5 (L5: the assignment ended at +20 min, before the touch at
    // +24 min, so it is "never" for B, and those 20 minutes are B's, not A's).
    expect(byKey[org.repB.id]).toMatchObject({
      leads: 3,
      touched: 1,
      medianSeconds: 10_800,
      p90Seconds: 10_800,
      medianMs: 10_800_000,
      within5mShare: 0,
      within1hShare: 0,
      neverShare: 0.6667,
    })
    expect(byKey[org.repB.id]!.histogram.map((b: { count: number }) => b.count)).toEqual([0, 0, 0, 0, 1, 0, 0])
    // The lead-level total: 2 min, 30 min, 3 h, 24 min (L5 from its first hand-off) → histogram 1, 0, 1, 1, 1.
    expect(r.total.histogram.map((b) => b.count)).toEqual([1, 0, 1, 1, 1, 0, 0])
    expect(r.rows).toHaveLength(2)
  })

  it('per source', async () => {
    const rows = Object.fromEntries((await speed('source')).rows.map((x) => [x.key, x]))
    expect(rows.web).toMatchObject({
      leads: 4,
      touched: 3,
      medianSeconds: 1800,
      p90Seconds: 10_800,
      within5mShare: 0.25,
      within1hShare: 0.5,
      neverShare: 0.25,
    })
    expect(rows.ads).toMatchObject({
      leads: 2,
      touched: 1,
      medianSeconds: 1440,
      p90Seconds: 1440,
      within5mShare: 0,
      within1hShare: 0.5,
      neverShare: 0.5,
    })
  })

  it('per ISO week (Monday, UTC)', async () => {
    const rows = Object.fromEntries((await speed('week')).rows.map((x) => [x.key, x]))
    expect(Object.keys(rows).sort()).toEqual(['2026-10-05', '2026-10-12'])
    expect(rows['2026-10-05']).toMatchObject({
      leads: 3,
      touched: 3,
      medianSeconds: 1800,
      p90Seconds: 10_800,
      within5mShare: 0.3333,
      within1hShare: 0.6667,
      neverShare: 0,
    })
    expect(rows['2026-10-12']).toMatchObject({
      leads: 3,
      touched: 1,
      medianSeconds: 1440,
      within5mShare: 0,
      within1hShare: 0.3333,
      neverShare: 0.6667,
    })
  })

  it('weeks are listed in date order, not by lead count', async () => {
    // From Wednesday 10-07: the week of 10-05 holds only L3 (1 lead), the week of 10-12 holds 3.
    const r = await get<{ rows: SpeedRow[] }>('/v1/reports/speed-to-lead?from=2026-10-07&to=2026-11-01&groupBy=week')
    expect(r.rows.map((x) => [x.key, x.leads])).toEqual([
      ['2026-10-05', 1],
      ['2026-10-12', 3],
    ])
  })

  it('weekly trend: every Monday of the range in date order, empty weeks filled, median and p90 in ms', async () => {
    type Trend = {
      weeks: string[]
      series: Array<{ key: string | null; label: string; points: Array<Record<string, unknown>> }>
    }
    const all = await get<Trend>(`/v1/reports/speed-to-lead/trend?${RANGE}`)
    expect(all.weeks).toEqual(['2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26'])
    expect(all.series).toHaveLength(1)
    // Week of 10-05: L1 2 min, L2 30 min, L3 3 h → median rank 2 = 30 min, p90 rank 3 = 3 h.
    // Week of 10-12: L4 never, L5 24 min (from its first hand-off), L8 never.
    expect(all.series[0]!.points).toEqual([
      { week: '2026-09-28', leads: 0, touched: 0, medianMs: null, p90Ms: null },
      { week: '2026-10-05', leads: 3, touched: 3, medianMs: 30 * MIN, p90Ms: 3 * HOUR },
      { week: '2026-10-12', leads: 3, touched: 1, medianMs: 24 * MIN, p90Ms: 24 * MIN },
      { week: '2026-10-19', leads: 0, touched: 0, medianMs: null, p90Ms: null },
      { week: '2026-10-26', leads: 0, touched: 0, medianMs: null, p90Ms: null },
    ])
    // By rep, charged to the holder: Ana 2 + 30 min, then 4 min (L5 from her own hand-off) and L8 never;
    // Bo 3 h, then L4 and L5 never (L5 left him untouched).
    const byRep = await get<Trend>(`/v1/reports/speed-to-lead/trend?${RANGE}&groupBy=rep`)
    expect(byRep.series.map((x) => x.key)).toEqual([org.repA.id, org.repB.id])
    expect(byRep.series[0]!.label).toBe(org.repA.name)
    expect(byRep.series[0]!.points.slice(1, 3)).toEqual([
      { week: '2026-10-05', leads: 2, touched: 2, medianMs: 2 * MIN, p90Ms: 30 * MIN },
      { week: '2026-10-12', leads: 2, touched: 1, medianMs: 4 * MIN, p90Ms: 4 * MIN },
    ])
    expect(byRep.series[1]!.points.slice(1, 3)).toEqual([
      { week: '2026-10-05', leads: 1, touched: 1, medianMs: 3 * HOUR, p90Ms: 3 * HOUR },
      { week: '2026-10-12', leads: 2, touched: 0, medianMs: null, p90Ms: null },
    ])
    const bySource = await get<Trend>(`/v1/reports/speed-to-lead/trend?${RANGE}&groupBy=source`)
    expect(bySource.series.map((x) => x.key)).toEqual(['web', 'ads'])
    expect(bySource.series[1]!.points[2]).toEqual({
      week: '2026-10-12',
      leads: 2,
      touched: 1,
      medianMs: 24 * MIN,
      p90Ms: 24 * MIN,
    })
  })

  it('defaults to the last 90 days and validates its parameters', async () => {
    const r = await speed('rep')
    expect(r.total.leads).toBe(6)
    const d = await get<{ from: string; to: string; total: SpeedRow }>('/v1/reports/speed-to-lead')
    expect(Date.parse(d.to) - Date.parse(d.from)).toBe(90 * DAY)
    expect((await api('/v1/reports/speed-to-lead?groupBy=planet', { token: manager })).status).toBe(422)
    expect((await api('/v1/reports/speed-to-lead?from=yesterday', { token: manager })).status).toBe(422)
    expect((await api('/v1/reports/speed-to-lead?from=2026-11-01&to=2026-10-01', { token: manager })).status).toBe(422)
  })
})

describe('SLA compliance', () => {
  it('counts met, breached (late, flagged or overdue), reassigned, stopped per rep', async () => {
    const r = await get<{ rows: Array<Record<string, unknown>> }>(`/v1/reports/sla-compliance?${RANGE}`)
    const byRep = Object.fromEntries(r.rows.map((x) => [x.repId, x]))
    expect(byRep[org.repA.id]).toEqual({
      key: org.repA.id,
      repId: org.repA.id,
      name: org.repA.name,
      clocks: 4,
      met: 3,
      breached: 0,
      reassigned: 0,
      open: 0,
      stopped: 1,
      complianceRate: 1,
    })
    expect(byRep[org.repB.id]).toEqual({
      key: org.repB.id,
      repId: org.repB.id,
      name: org.repB.name,
      clocks: 3,
      met: 0,
      breached: 3,
      reassigned: 1,
      open: 0,
      stopped: 0,
      complianceRate: 0,
    })
  })
})

describe('SLA compliance per policy', () => {
  it('groups clocks by the policy they ran under', async () => {
    const r = await get<{ groupBy: string; rows: Array<Record<string, unknown>> }>(
      `/v1/reports/sla-compliance?${RANGE}&groupBy=policy`,
    )
    expect(r.groupBy).toBe('policy')
    // Hot: c1 met, c5 breached (then reassigned), c5b met. SQL: c2 met, c3 late, c4 overdue, c8 stopped in time.
    expect(r.rows).toEqual([
      {
        key: 'Hot',
        repId: null,
        name: 'Hot',
        clocks: 3,
        met: 2,
        breached: 1,
        reassigned: 1,
        open: 0,
        stopped: 0,
        complianceRate: 0.6667,
      },
      {
        key: 'SQL',
        repId: null,
        name: 'SQL',
        clocks: 4,
        met: 1,
        breached: 2,
        reassigned: 0,
        open: 0,
        stopped: 1,
        complianceRate: 0.3333,
      },
    ])
  })
})

describe('rejection reasons', () => {
  it('by source, flat rows with their share of the group', async () => {
    const r = await get<{ rows: unknown[] }>(`/v1/reports/reasons?${RANGE}&groupBy=source`)
    expect(r.rows).toEqual([
      { key: 'web', outcome: 'disqualified', reason: 'no budget', count: 1, share: 0.3333 },
      { key: 'web', outcome: 'disqualified', reason: 'student', count: 1, share: 0.3333 },
      { key: 'web', outcome: 'lost', reason: 'timing', count: 1, share: 0.3333 },
    ])
  })
})

describe('funnel', () => {
  it('by source: stages reached, won amount and reject reasons', async () => {
    const r = await get<{ rows: Array<Record<string, unknown>> }>(`/v1/reports/funnel?${RANGE}&groupBy=source`)
    const rows = Object.fromEntries(r.rows.map((x) => [x.key, x]))
    expect(rows.web).toEqual({
      key: 'web',
      leads: 4,
      mql: 4,
      sql: 4,
      accepted: 2,
      converted: 1,
      won: 1,
      wonAmount: 10_000,
      disqualified: 2,
      lost: 1,
      reasons: expect.arrayContaining([
        { outcome: 'disqualified', reason: 'no budget', count: 1 },
        { outcome: 'disqualified', reason: 'student', count: 1 },
        { outcome: 'lost', reason: 'timing', count: 1 },
      ]),
      // 4 leads → 4 MQL (1) → 4 SQL (1) → 2 accepted (0.5) → 1 won (0.5); 1 of 4 leads won overall.
      rates: { mql: 1, sql: 1, accepted: 0.5, won: 0.5, leadToWon: 0.25 },
    })
    expect((rows.web as { reasons: unknown[] }).reasons).toHaveLength(3)
    expect(rows.ads).toEqual({
      key: 'ads',
      leads: 3,
      mql: 3,
      sql: 2,
      accepted: 1,
      converted: 1,
      won: 0,
      wonAmount: 0,
      disqualified: 0,
      lost: 0,
      reasons: [],
      // 3 → 3 MQL (1) → 2 SQL (0.6667) → 1 accepted (0.5) → 0 won.
      rates: { mql: 1, sql: 0.6667, accepted: 0.5, won: 0, leadToWon: 0 },
    })
  })

  it('by campaign', async () => {
    const r = await get<{ rows: Array<Record<string, unknown>> }>(`/v1/reports/funnel?${RANGE}&groupBy=campaign`)
    const rows = Object.fromEntries(r.rows.map((x) => [String(x.key), x]))
    expect(Object.keys(rows).sort()).toEqual(['c1', 'c2', 'c3', 'null'])
    expect(rows.c1).toMatchObject({ leads: 2, accepted: 2, converted: 1, won: 1, wonAmount: 10_000, lost: 1 })
    expect(rows.c2).toMatchObject({ leads: 2, accepted: 0, disqualified: 2 })
    expect(rows.null).toMatchObject({ leads: 1, mql: 1, sql: 0 })
  })
})

describe('MQLs against target', () => {
  it('admins set the monthly target; months show MQLs delivered and attainment', async () => {
    const rep = await issueToken('rep', org.repA.id)
    expect((await api('/v1/reports/mql-target', { method: 'PUT', token: manager, json: { target: 5 } })).status).toBe(
      403,
    )
    expect((await api('/v1/reports/mql-target', { method: 'PUT', json: { target: -1 } })).status).toBe(422)
    expect((await api('/v1/reports/mql-target', { method: 'PUT', json: { target: 5 } })).status).toBe(200)
    const r = await get<{ target: number; months: unknown[] }>('/v1/reports/mql-target?from=2026-09-01&to=2026-11-01')
    expect(r.target).toBe(5)
    expect(r.months).toEqual([
      { month: '2026-09', mqls: 1, target: 5, attainment: 0.2 },
      { month: '2026-10', mqls: 7, target: 5, attainment: 1.4 },
    ])
    // This month, whatever the range: MQLs so far against the target and its linear pace.
    const now = Date.now()
    const month = new Date(now).toISOString().slice(0, 7)
    const expectedMqls = month === '2026-10' ? 7 : month === '2026-09' ? 1 : 0
    const { thisMonth } = await get<{ thisMonth: Record<string, number | string | null> }>('/v1/reports/mql-target')
    expect(thisMonth).toMatchObject({ month, mqls: expectedMqls, target: 5 })
    const d = new Date(now)
    const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
    const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
    expect(thisMonth.daysInMonth).toBe(Math.round((end - start) / DAY))
    expect(
      Math.abs(Number(thisMonth.expectedByNow) - Math.floor((5 * (now - start)) / (end - start))),
    ).toBeLessThanOrEqual(1)
    expect((await api('/v1/reports/mql-target', { token: rep })).status).toBe(403)
    expect((await api('/v1/reports/funnel', { token: rep })).status).toBe(403)
  })
})
