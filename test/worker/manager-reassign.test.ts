import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { LeadSearchPage, ReassignResult } from '../../shared/schemas/manager'
import { alerts, assignments, auditLog, leads, poolMembers, pools, slaClocks } from '../../worker/db/schema'
import { api, issueToken } from './helpers'
import { db, HOUR, MIN, setupOrg } from './brief-fixtures'

type Org = Awaited<ReturnType<typeof setupOrg>>
let org: Org
let manager: string
let rep: string

/** A lead held by `repId` since `ago` ms, on a 60-minute SQL clock (as a hand-off leaves it). */
const heldLead = async (id: string, repId: string, ago: number, over: Partial<typeof leads.$inferInsert> = {}) => {
  const at = Date.now() - ago
  await db.insert(leads).values({
    id,
    email: `${id}@mr.test`,
    emailNorm: `${id}@mr.test`,
    status: 'assigned',
    assigneeId: repId,
    assignedAt: at,
    sqlAt: at,
    ...over,
  })
  await db
    .insert(assignments)
    .values({ id: `${id}_as`, leadId: id, repId, poolId: org.poolId, rule: 'r', reason: 'r', assignedAt: at })
  await db.insert(slaClocks).values({
    id: `${id}_clk`,
    leadId: id,
    assignmentId: `${id}_as`,
    repId,
    policyId: 'mr_sql',
    policyName: 'SQL',
    startedAt: at,
    dueAt: at + HOUR,
    nextCheckAt: at + 30 * MIN,
  })
}

const reassign = (id: string, json: unknown, token = manager) => api(`/v1/leads/${id}/reassign`, { token, json })

beforeAll(async () => {
  org = await setupOrg('mr')
  manager = await issueToken('manager', org.manager.id)
  rep = await issueToken('rep', org.repA.id)
})

describe('POST /v1/leads/:id/reassign', () => {
  it('to a rep: the old clock stops, a full new clock starts, the journey says who and why, the new rep is alerted', async () => {
    await heldLead('mr_l1', org.repA.id, 30 * MIN)
    const before = Date.now()
    const res = await reassign('mr_l1', { repId: org.repB.id, reason: 'Ana is out sick' })
    expect(res.status).toBe(200)
    const body = ReassignResult.parse(await res.json())
    expect(body.assignment).toMatchObject({ repId: org.repB.id, repName: org.repB.name, poolId: null })
    expect(body.lead).toMatchObject({ id: 'mr_l1', status: 'assigned', assignee: { id: org.repB.id } })

    const rows = await db.select().from(assignments).where(eq(assignments.leadId, 'mr_l1'))
    const old = rows.find((r) => r.id === 'mr_l1_as')!
    const now = rows.find((r) => r.id !== 'mr_l1_as')!
    expect(old).toMatchObject({ endReason: 'reassigned' })
    expect(old.endedAt).toBeGreaterThanOrEqual(before)
    expect(now).toMatchObject({ repId: org.repB.id, rule: 'reassign', endedAt: null })
    expect(now.reason).toContain('Ana is out sick')
    expect(now.reason).toContain(`from ${org.repA.name}`)

    const clocks = await db.select().from(slaClocks).where(eq(slaClocks.leadId, 'mr_l1'))
    const oldClock = clocks.find((c) => c.id === 'mr_l1_clk')!
    const newClock = clocks.find((c) => c.id !== 'mr_l1_clk')!
    expect(oldClock.stoppedAt).toBeGreaterThanOrEqual(before)
    expect(oldClock.nextCheckAt).toBeNull()
    // The policy's full 60 minutes again, from the reassignment, on Bo's clock.
    expect(newClock).toMatchObject({ repId: org.repB.id, policyName: 'SQL', assignmentId: now.id, metAt: null })
    expect(newClock.startedAt).toBeGreaterThanOrEqual(before)
    expect(newClock.dueAt - newClock.startedAt).toBe(HOUR)
    expect(body.assignment.dueAt).toBe(new Date(newClock.dueAt).toISOString())

    const sent = await db
      .select()
      .from(alerts)
      .where(and(eq(alerts.leadId, 'mr_l1'), eq(alerts.assignmentId, now.id)))
    expect(sent.map((a) => [a.milestone, a.recipient]).sort()).toEqual(expect.arrayContaining([['reassigned', 'rep']]))
    expect(JSON.stringify(sent.find((a) => a.recipient === 'rep')!.payload)).toContain('Ana is out sick')

    const journey = (await (await api('/v1/leads/mr_l1/journey', { token: manager })).json()) as {
      entries: Array<{ kind: string; summary: string }>
    }
    const summaries = journey.entries.map((e) => e.summary).join('\n')
    expect(summaries).toContain(`Assigned to ${org.repB.name}`)
    expect(summaries).toContain('Ana is out sick')
    expect(summaries).toContain(`reassigned by manager ${org.manager.id}`)
    expect(summaries).toContain(`Taken from ${org.repA.name} (reassigned)`)

    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'lead.reassign'))
    expect(entry).toMatchObject({
      targetType: 'lead',
      targetId: 'mr_l1',
      actorRole: 'manager',
      detail: { reason: 'Ana is out sick', toRepId: org.repB.id, poolId: null },
    })
  })

  it('back to the pool: its round robin, skipping the current rep', async () => {
    await heldLead('mr_l2', org.repA.id, 10 * MIN)
    const res = await reassign('mr_l2', { poolId: org.poolId, reason: 'rebalance' })
    expect(res.status).toBe(200)
    const body = ReassignResult.parse(await res.json())
    expect(body.assignment).toMatchObject({ repId: org.repB.id, poolId: org.poolId })
  })

  it('a pool with nobody else eligible is 409 and changes nothing', async () => {
    await db.insert(pools).values({ id: 'mr_solo', name: 'Solo' })
    await db.insert(poolMembers).values({ poolId: 'mr_solo', repId: org.repA.id })
    await heldLead('mr_l3', org.repA.id, 10 * MIN)
    const res = await reassign('mr_l3', { poolId: 'mr_solo', reason: 'x' })
    expect(res.status).toBe(409)
    expect((await db.select().from(assignments).where(eq(assignments.leadId, 'mr_l3')))[0]!.endedAt).toBeNull()
    expect((await db.select().from(slaClocks).where(eq(slaClocks.leadId, 'mr_l3')))[0]!.stoppedAt).toBeNull()
  })

  it('a touched lead keeps its status and gets no new clock', async () => {
    await heldLead('mr_l4', org.repA.id, HOUR, { status: 'contacted', firstTouchAt: Date.now() - 50 * MIN })
    const res = await reassign('mr_l4', { repId: org.repB.id, reason: 'territory change' })
    expect(res.status).toBe(200)
    const body = ReassignResult.parse(await res.json())
    expect(body.assignment.dueAt).toBeNull()
    expect(body.lead).toMatchObject({ status: 'contacted', assignee: { id: org.repB.id } })
    expect(await db.select().from(slaClocks).where(eq(slaClocks.leadId, 'mr_l4'))).toHaveLength(1)
  })

  it('an unassigned lead from the managers’ queue is assigned with a clock', async () => {
    await db.insert(leads).values({ id: 'mr_l5', email: 'l5@mr.test', emailNorm: 'l5@mr.test', status: 'sql' })
    const res = await reassign('mr_l5', { repId: org.repA.id, reason: 'nobody was free' })
    expect(res.status).toBe(200)
    const body = ReassignResult.parse(await res.json())
    expect(body.lead).toMatchObject({ status: 'assigned', assignee: { id: org.repA.id }, sla: { policy: 'SQL' } })
    const sent = await db.select().from(alerts).where(eq(alerts.leadId, 'mr_l5'))
    expect(sent.some((a) => a.milestone === 'assigned' && a.recipient === 'rep')).toBe(true)
  })

  it('validates, checks roles and refuses closed leads', async () => {
    await heldLead('mr_l6', org.repA.id, MIN)
    expect((await reassign('mr_l6', { repId: org.repB.id })).status).toBe(422)
    expect((await reassign('mr_l6', { repId: org.repB.id, poolId: org.poolId, reason: 'x' })).status).toBe(422)
    expect((await reassign('mr_l6', { reason: 'x' })).status).toBe(422)
    const unknown = await reassign('mr_l6', { repId: 'rep_nobody', reason: 'x' })
    expect(unknown.status).toBe(422)
    expect(await unknown.json()).toMatchObject({ error: { issues: [{ path: 'repId' }] } })
    expect((await reassign('mr_l6', { repId: org.repA.id, reason: 'x' })).status).toBe(409)
    expect((await reassign('mr_nope', { repId: org.repB.id, reason: 'x' })).status).toBe(404)
    expect((await reassign('mr_l6', { repId: org.repB.id, reason: 'x' }, rep)).status).toBe(403)
    await heldLead('mr_l7', org.repA.id, MIN, { status: 'won' })
    expect((await reassign('mr_l7', { repId: org.repB.id, reason: 'x' })).status).toBe(409)
    // Nothing was recorded for the refused calls.
    expect(await db.select().from(auditLog).where(eq(auditLog.targetId, 'mr_l6'))).toHaveLength(0)
  })
})

describe('GET /v1/manager/leads', () => {
  const search = async (qs: string, token = manager) => {
    const res = await api(`/v1/manager/leads?${qs}`, { token })
    expect(res.status).toBe(200)
    return LeadSearchPage.parse(await res.json())
  }

  beforeAll(async () => {
    const base = Date.UTC(2026, 0, 1)
    const rows: Array<typeof leads.$inferInsert> = [
      { id: 'ms_1', firstName: 'Grace', lastName: 'Hopper', companyName: 'Navy Labs', status: 'assigned' },
      { id: 'ms_2', firstName: 'Alan', lastName: 'Turing', companyName: 'Bletchley 100%', status: 'contacted' },
      { id: 'ms_3', firstName: 'Ada', lastName: 'Lovelace', companyName: 'Engines Ltd', status: 'won' },
      { id: 'ms_4', firstName: 'Grace', lastName: 'Kelly', companyDomain: 'monaco.mc', status: 'lost' },
    ].map((r, i) => ({
      ...r,
      email: `${r.id}@search.test`,
      emailNorm: `${r.id}@search.test`,
      createdAt: base + i * MIN,
    }))
    for (const r of rows) await db.insert(leads).values(r)
  })

  it('matches name, full name, email, company (name or domain), case-insensitively, newest first', async () => {
    expect((await search('q=grace')).leads.map((l) => l.id)).toEqual(['ms_4', 'ms_1'])
    expect((await search('q=GRACE%20HOP')).leads.map((l) => l.id)).toEqual(['ms_1'])
    expect((await search('q=ms_3%40search')).leads.map((l) => l.id)).toEqual(['ms_3'])
    expect((await search('q=engines')).leads.map((l) => l.id)).toEqual(['ms_3'])
    expect((await search('q=monaco')).leads.map((l) => l.id)).toEqual(['ms_4'])
    // `%` is a character, not a wildcard.
    expect((await search('q=100%25')).leads.map((l) => l.id)).toEqual(['ms_2'])
    expect((await search('q=1%25')).leads).toEqual([])
  })

  it('filters by one or several statuses', async () => {
    expect((await search('q=search.test&status=won')).leads.map((l) => l.id)).toEqual(['ms_3'])
    expect((await search('q=search.test&status=won,lost')).leads.map((l) => l.id)).toEqual(['ms_4', 'ms_3'])
    expect((await api('/v1/manager/leads?status=planet', { token: manager })).status).toBe(422)
  })

  it('pages with a cursor: every lead once, in order', async () => {
    const first = await search('q=search.test&limit=3')
    expect(first.leads.map((l) => l.id)).toEqual(['ms_4', 'ms_3', 'ms_2'])
    expect(first.nextCursor).not.toBeNull()
    const second = await search(`q=search.test&limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`)
    expect(second.leads.map((l) => l.id)).toEqual(['ms_1'])
    expect(second.nextCursor).toBeNull()
  })

  it('managers read any lead’s brief and journey; reps only their own', async () => {
    await heldLead('mr_l8', org.repB.id, MIN)
    expect((await api('/v1/leads/mr_l8', { token: manager })).status).toBe(200)
    expect((await api('/v1/leads/mr_l8/journey', { token: manager })).status).toBe(200)
    expect((await api('/v1/leads/ms_1', { token: manager })).status).toBe(200)
    expect((await api('/v1/leads/mr_l8', { token: rep })).status).toBe(403)
    expect((await api('/v1/manager/leads?q=grace', { token: rep })).status).toBe(403)
  })
})
