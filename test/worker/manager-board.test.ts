import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { ManagerBoard, ManagerPools, ManagerQueue } from '../../shared/schemas/manager'
import { assignments, leads, reps, slaClocks } from '../../worker/db/schema'
import { teamBoard } from '../../worker/domain/manager/board'
import { managerQueue } from '../../worker/domain/manager/queue'
import { api, issueToken } from './helpers'
import { DAY, db, HOUR, MIN, setupOrg } from './brief-fixtures'

/** Wednesday 2026-10-07 03:00 UTC = Tuesday 2026-10-06 23:00 in New York (UTC−4). */
const NOW = Date.UTC(2026, 9, 7, 3)
const MON = Date.UTC(2026, 9, 5)

type Org = Awaited<ReturnType<typeof setupOrg>>
let org: Org

/**
 * Hand-computed dataset. Ana (UTC, capacity 3): today starts 10-07 00:00Z, week 10-05 00:00Z.
 * Bo (America/New_York): today starts 10-06 04:00Z, week 10-05 04:00Z.
 * - a1 Ana: assigned 01:00, touched 02:00 (60 min, today); SQL clock met in time.
 * - a2 Ana: assigned Mon 10:00, touched 10:10 (10 min, this week); Hot clock met late (breached).
 * - a3 Ana: open since 02:50, SQL due 03:50, due soon at 03:38 → running.
 * - a4 Ana: open since 01:50, SQL due 02:50, breached at 02:50 → overdue (and escalated in the managers' queue).
 * - a5 Ana: open since 02:10, SQL due 03:10, due soon at 02:58 → due soon.
 * - a6 Ana: touched Sun 10-04 (before this week): not counted; its clock started before the week.
 * - b1 Bo: assigned 10-06 04:30Z, touched 05:00Z (30 min; Tuesday 01:00 in New York: today for Bo, yesterday in UTC).
 * - b2 Bo: assigned 10-05 02:00Z, touched 03:00Z (Sunday 23:00 in New York: before Bo's week, though Monday in UTC).
 * - r: Ana held it 10-06 10:00–10:20 (untouched, clock stopped), then Bo, who touched it at 10:30: 10 min, Bo's.
 */
const seed = async () => {
  const A = org.repA.id
  const B = org.repB.id
  await db
    .update(reps)
    .set({ capacity: 3, outOfOffice: [{ start: '2026-10-01T00:00:00Z', end: '2026-10-02T00:00:00Z' }] })
    .where(eqId(A))
  await db
    .update(reps)
    .set({
      timeZone: 'America/New_York',
      outOfOffice: [{ start: '2026-10-08T00:00:00Z', end: '2026-10-09T00:00:00Z' }],
    })
    .where(eqId(B))
  const T = (d: number, h: number, m = 0) => Date.UTC(2026, 9, d, h, m)
  const rows: Array<{
    id: string
    rep: string
    at: number
    touch?: number
    status?: string
    due: number
    policy: string
    met?: number
    breached?: number
    stopped?: number
    plan?: unknown[]
  }> = [
    { id: 'a1', rep: A, at: T(7, 1), touch: T(7, 2), due: T(7, 2), met: T(7, 2), policy: 'SQL' },
    { id: 'a2', rep: A, at: T(5, 10), touch: T(5, 10, 10), due: T(5, 10, 5), met: T(5, 10, 10), policy: 'Hot' },
    { id: 'a3', rep: A, at: T(7, 2, 50), due: T(7, 3, 50), policy: 'SQL', plan: warnings(T(7, 2, 50)) },
    {
      id: 'a4',
      rep: A,
      at: T(7, 1, 50),
      due: T(7, 2, 50),
      breached: T(7, 2, 50),
      policy: 'SQL',
      plan: warnings(T(7, 1, 50)),
    },
    { id: 'a5', rep: A, at: T(7, 2, 10), due: T(7, 3, 10), policy: 'SQL', plan: warnings(T(7, 2, 10)) },
    { id: 'a6', rep: A, at: T(4, 12), touch: T(4, 12, 30), due: T(4, 13), met: T(4, 12, 30), policy: 'SQL' },
    { id: 'b1', rep: B, at: T(6, 4, 30), touch: T(6, 5), due: T(6, 5, 30), met: T(6, 5), policy: 'SQL' },
    { id: 'b2', rep: B, at: T(5, 2), touch: T(5, 3), due: T(5, 3), met: T(5, 3), policy: 'SQL' },
  ]
  for (const r of rows) {
    await db.insert(leads).values({
      id: `mb_${r.id}`,
      email: `${r.id}@mb.test`,
      emailNorm: `${r.id}@mb.test`,
      status: r.touch ? 'contacted' : (r.status ?? 'assigned'),
      assigneeId: r.rep,
      assignedAt: r.at,
      firstTouchAt: r.touch ?? null,
      createdAt: r.at - HOUR,
      updatedAt: r.at,
    })
    await db
      .insert(assignments)
      .values({ id: `mb_as_${r.id}`, leadId: `mb_${r.id}`, repId: r.rep, rule: 'r', reason: 'r', assignedAt: r.at })
    await db.insert(slaClocks).values({
      id: `mb_c_${r.id}`,
      leadId: `mb_${r.id}`,
      assignmentId: `mb_as_${r.id}`,
      repId: r.rep,
      policyName: r.policy,
      startedAt: r.at,
      dueAt: r.due,
      metAt: r.met ?? null,
      breachedAt: r.breached ?? null,
      plan: r.plan ?? [],
    })
  }
  // The reassigned lead: Ana's wait (20 min untouched) stays Ana's; Bo's 10 minutes are Bo's.
  await db.insert(leads).values({
    id: 'mb_r',
    email: 'r@mb.test',
    emailNorm: 'r@mb.test',
    status: 'contacted',
    assigneeId: B,
    firstTouchAt: T(6, 10, 30),
    createdAt: T(6, 9),
  })
  await db.insert(assignments).values([
    {
      id: 'mb_as_r1',
      leadId: 'mb_r',
      repId: A,
      rule: 'r',
      reason: 'r',
      assignedAt: T(6, 10),
      endedAt: T(6, 10, 20),
      endReason: 'reassigned',
    },
    { id: 'mb_as_r2', leadId: 'mb_r', repId: B, rule: 'reassign', reason: 'r', assignedAt: T(6, 10, 20) },
  ])
  await db.insert(slaClocks).values([
    {
      id: 'mb_c_r1',
      leadId: 'mb_r',
      assignmentId: 'mb_as_r1',
      repId: A,
      policyName: 'SQL',
      startedAt: T(6, 10),
      dueAt: T(6, 11),
      stoppedAt: T(6, 10, 20),
    },
    {
      id: 'mb_c_r2',
      leadId: 'mb_r',
      assignmentId: 'mb_as_r2',
      repId: B,
      policyName: 'SQL',
      startedAt: T(6, 10, 20),
      dueAt: T(6, 11, 20),
      metAt: T(6, 10, 30),
    },
  ])
  // The managers' queue: two unassigned leads at the threshold (one SQL, one hot MQL), one below it (not listed),
  // one recycled two days ago (returned) and one recycled 40 days ago (too old).
  await db.insert(leads).values([
    {
      id: 'mb_u1',
      email: 'u1@mb.test',
      emailNorm: 'u1@mb.test',
      status: 'sql',
      sqlAt: NOW - 3 * HOUR,
      updatedAt: NOW - 3 * HOUR,
    },
    { id: 'mb_u2', email: 'u2@mb.test', emailNorm: 'u2@mb.test', status: 'mql', hot: true, updatedAt: NOW - HOUR },
    { id: 'mb_u3', email: 'u3@mb.test', emailNorm: 'u3@mb.test', status: 'new', updatedAt: NOW - HOUR },
    {
      id: 'mb_q1',
      email: 'q1@mb.test',
      emailNorm: 'q1@mb.test',
      status: 'recycled',
      assigneeId: A,
      outcomeAt: NOW - 2 * DAY,
    },
    {
      id: 'mb_q2',
      email: 'q2@mb.test',
      emailNorm: 'q2@mb.test',
      status: 'recycled',
      assigneeId: A,
      outcomeAt: NOW - 40 * DAY,
    },
  ])
}

/** A 60-minute clock's plan from `start`: warnings at 50% and 80% (the last one is "due soon"), then the breach. */
function warnings(start: number) {
  return [
    { key: 'warning_0', kind: 'warning', fraction: 0.5, at: start + 30 * MIN, to: ['rep'] },
    { key: 'warning_1', kind: 'warning', fraction: 0.8, at: start + 48 * MIN, to: ['rep'] },
    { key: 'breach', kind: 'breach', at: start + 60 * MIN, to: ['rep'] },
  ]
}

function eqId(id: string) {
  return sql`${reps.id} = ${id}`
}

beforeAll(async () => {
  org = await setupOrg('mb')
  await seed()
})

describe('team board', () => {
  it('per rep, in the rep’s own time zone: counts, first-touch medians charged to the holder, SLA, capacity, away', async () => {
    const board = ManagerBoard.parse(await teamBoard(db, NOW))
    const by = Object.fromEntries(board.reps.map((r) => [r.rep.id, r]))
    const ana = by[org.repA.id]!
    expect(ana.timeZone).toBe('UTC')
    expect(ana.counts).toEqual({ open: 3, dueSoon: 1, overdue: 1 })
    // Today: a1 (60 min). Week: a1 60, a2 10 → nearest-rank median of [10, 60] = 10 min. r is not Ana's.
    expect(ana.firstTouch).toEqual({
      today: { from: '2026-10-07T00:00:00.000Z', touched: 1, medianMs: 60 * MIN },
      week: { from: new Date(MON).toISOString(), touched: 2, medianMs: 10 * MIN },
    })
    // Clocks this week: a1 met; a2 late; a3, a5 running; a4 breached; r1 stopped untouched → 1 met, 2 breached.
    expect(ana.sla).toEqual({ clocks: 6, met: 1, breached: 2, complianceRate: 0.3333 })
    expect(ana.capacity).toEqual({ open: 3, max: 3, full: true })
    expect(ana.outOfOffice).toEqual({ now: false, range: null })

    const bo = by[org.repB.id]!
    expect(bo.timeZone).toBe('America/New_York')
    expect(bo.counts).toEqual({ open: 0, dueSoon: 0, overdue: 0 })
    // Today (from 10-06 04:00Z): b1 30 min, r 10 min → median 10 min; b2 was Sunday evening in New York.
    expect(bo.firstTouch).toEqual({
      today: { from: '2026-10-06T04:00:00.000Z', touched: 2, medianMs: 10 * MIN },
      week: { from: '2026-10-05T04:00:00.000Z', touched: 2, medianMs: 10 * MIN },
    })
    // b1 and r2 met in time; b2 started before Bo's week.
    expect(bo.sla).toEqual({ clocks: 2, met: 2, breached: 0, complianceRate: 1 })
    expect(bo.capacity).toEqual({ open: 0, max: null, full: false })
    expect(bo.outOfOffice).toEqual({
      now: false,
      range: { start: '2026-10-08T00:00:00Z', end: '2026-10-09T00:00:00Z' },
    })
    expect(board.totals).toEqual({ open: 3, dueSoon: 1, overdue: 1 })
  })

  it('shows who is away now', async () => {
    const during = await teamBoard(db, Date.UTC(2026, 9, 8, 12))
    expect(during.reps.find((r) => r.rep.id === org.repB.id)!.outOfOffice.now).toBe(true)
  })
})

describe("managers' queue", () => {
  it('lists unassigned (at the threshold), escalated and returned leads, oldest first, no one twice', async () => {
    const q = ManagerQueue.parse(await managerQueue(db, NOW))
    expect(q.counts).toEqual({ unassigned: 2, escalated: 1, returned: 1 })
    expect(q.items.map((i) => [i.reason, i.lead.id, i.since])).toEqual([
      ['unassigned', 'mb_u1', new Date(NOW - 3 * HOUR).toISOString()],
      ['unassigned', 'mb_u2', new Date(NOW - HOUR).toISOString()],
      ['escalated', 'mb_a4', '2026-10-07T02:50:00.000Z'],
      ['returned', 'mb_q1', new Date(NOW - 2 * DAY).toISOString()],
    ])
    const escalated = q.items[2]!.lead
    expect(escalated.assignee).toMatchObject({ id: org.repA.id, name: org.repA.name })
    expect(escalated.sla).toMatchObject({ policy: 'SQL', breachedAt: '2026-10-07T02:50:00.000Z' })
  })
})

describe('routes and roles', () => {
  it('board and queue answer managers and admins; reps get 403', async () => {
    const manager = await issueToken('manager', org.manager.id)
    const rep = await issueToken('rep', org.repA.id)
    for (const path of ['/v1/manager/board', '/v1/manager/queue', '/v1/manager/leads']) {
      expect((await api(path, { token: rep })).status).toBe(403)
      expect((await api(path, { token: null })).status).toBe(401)
      expect((await api(path)).status).toBe(200)
      expect((await api(path, { token: manager })).status).toBe(200)
    }
    const board = ManagerBoard.parse(await (await api('/v1/manager/board', { token: manager })).json())
    expect(board.reps.map((r) => r.rep.id)).toEqual(expect.arrayContaining([org.repA.id, org.repB.id]))
    ManagerQueue.parse(await (await api('/v1/manager/queue', { token: manager })).json())
  })

  it('pools answer their id and name only, for the reassign form', async () => {
    const manager = await issueToken('manager', org.manager.id)
    const res = await api('/v1/manager/pools', { token: manager })
    expect(res.status).toBe(200)
    const body = ManagerPools.parse(await res.json())
    expect(body.pools).toContainEqual({ id: org.poolId, name: 'All' })
    for (const p of body.pools) expect(Object.keys(p).sort()).toEqual(['id', 'name'])
    expect((await api('/v1/manager/pools', { token: await issueToken('rep', org.repA.id) })).status).toBe(403)
  })
})

describe('who the board lists', () => {
  it('reps; a manager account only while it holds a lead', async () => {
    const ids = async () => (await teamBoard(db, NOW)).reps.map((r) => r.rep.id)
    // Mia manages Ana and Bo and is the pool's fallback, but holds nothing: not a row, not a reassign target.
    expect(await ids()).toEqual(expect.arrayContaining([org.repA.id, org.repB.id]))
    expect(await ids()).not.toContain(org.manager.id)
    // The fallback caught a lead: now Mia has something a manager must see.
    await db.insert(leads).values({
      id: 'mb_m1',
      email: 'm1@mb.test',
      emailNorm: 'm1@mb.test',
      status: 'assigned',
      assigneeId: org.manager.id,
      assignedAt: NOW - 10 * MIN,
      createdAt: NOW - HOUR,
      updatedAt: NOW - 10 * MIN,
    })
    const board = await teamBoard(db, NOW)
    expect(board.reps.find((r) => r.rep.id === org.manager.id)).toMatchObject({
      rep: { role: 'manager' },
      counts: { open: 1 },
    })
  })
})
