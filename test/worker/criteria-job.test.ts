/**
 * The criteria job's chunks: set-based writes identical to drizzle's, a statement budget per invocation when
 * most of a chunk of 500 newly qualifies, batched hand-offs that keep the round robin exact and never hand a
 * lead off twice.
 */
import { env } from 'cloudflare:test'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CRITERIA } from '../../shared/default-criteria'
import { CriteriaDocument } from '../../shared/schemas/criteria'
import { appendCriteriaVersion, type StoredCriteria } from '../../worker/db/queries/criteria'
import { insertCriteriaJob } from '../../worker/db/queries/criteria-jobs'
import { getLead, updateLead } from '../../worker/db/queries/leads'
import { historyEntry } from '../../worker/db/queries/history'
import { historyJsonInserts, scorePatchStatements } from '../../worker/db/queries/score-writes'
import { leads } from '../../worker/db/schema'
import {
  type CriteriaJobMessage,
  HANDOFFS_PER_MESSAGE,
  JOB_CHUNK,
  runCriteriaChunk,
} from '../../worker/domain/criteria/job'
import type { DomainCtx } from '../../worker/domain/context'
import { planScore } from '../../worker/domain/intake/score-plan'
import { db, setupOrg } from './brief-fixtures'
import { countD1 } from './round-trips'

const count = async (q: string) => (await env.DB.prepare(q).first<{ n: number }>())!.n

/** Inserts open leads (new, unassigned) with fit under the default criteria, in one statement. */
const insertOpenLeads = async (
  prefix: string,
  n: number,
  extra: { status?: string; assignee?: string; fit?: boolean } = {},
) => {
  const now = Date.now()
  const rows = Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${String(i).padStart(4, '0')}`,
    email: `${prefix}${i}@cj${i % 40}.io`,
    title: extra.fit === false ? null : 'VP Marketing',
    employees: extra.fit === false ? null : 300,
    status: extra.status ?? 'new',
    assignee: extra.assignee ?? null,
  }))
  await env.DB.prepare(
    `insert into leads (id, email, email_norm, title, employees, status, assignee_id, created_at, updated_at)
     select json_extract(value, '$.id'), json_extract(value, '$.email'), json_extract(value, '$.email'),
       json_extract(value, '$.title'), json_extract(value, '$.employees'), json_extract(value, '$.status'),
       json_extract(value, '$.assignee'), ?, ? from json_each(?)`,
  )
    .bind(now, now, JSON.stringify(rows))
    .run()
  return rows.map((r) => r.id)
}

/** Runs a job's messages one by one through `fakeQueue`, measuring each (alert delivery apart). */
const runJob = async (jobId: string, version: number) => {
  const now = Date.now()
  const { sent, ctx } = fakeQueue()
  await insertCriteriaJob(db, { id: jobId, version, now })
  const runs: Array<{ trips: number; statements: number; delivery: number; handOff: boolean }> = []
  let msg: CriteriaJobMessage | undefined = { jobId, version, after: '' }
  while (msg) {
    const background: Array<Promise<unknown>> = []
    const current: CriteriaJobMessage = msg
    // Alert delivery runs after the handler's work (waitUntil): measured apart, counted in the budget.
    const run = await countD1(() =>
      runCriteriaChunk(
        ctx(now, (p) => background.push(p)),
        current,
      ),
    )
    const delivery = await countD1(() => Promise.all(background))
    runs.push({ ...run, delivery: delivery.statements, handOff: !!current.handOff })
    msg = sent.shift()
  }
  for (const r of runs) console.log(`criteria job message${r.handOff ? ' (hand-offs)' : ''}: ${JSON.stringify(r)}`)
  return runs
}

/** A queue that keeps what is sent, so a test runs each message itself and measures it. */
const fakeQueue = () => {
  const sent: CriteriaJobMessage[] = []
  const ctx = (now: number, waitUntil?: DomainCtx['waitUntil']): DomainCtx => ({
    db,
    env: { ...env, CRITERIA_JOBS: { send: async (m: CriteriaJobMessage) => void sent.push(m) } } as unknown as Env,
    now,
    actor: 'criteria-job',
    waitUntil,
  })
  return { sent, ctx }
}

let lenient: StoredCriteria

beforeAll(async () => {
  await setupOrg('cj')
  const document = CriteriaDocument.parse({ ...DEFAULT_CRITERIA, thresholds: { mql: 1, sql: 2 } })
  lenient = await appendCriteriaVersion(db, { document, note: 'lenient', author: 'test', now: Date.now() })
})

describe('set-based score writes', () => {
  it('store exactly what drizzle stores for the same patch', async () => {
    const [a, b] = await insertOpenLeads('eq_', 2)
    const row = (await getLead(db, a!))!
    const plan = planScore(row, [], lenient.document, lenient.version, Date.now(), 'test')
    // A why-now object, a breakdown and booleans: the JSON and boolean columns are the ones that could differ.
    expect(plan.patch.whyNow).not.toBeNull()
    expect((plan.patch.scoreBreakdown as unknown[]).length).toBeGreaterThan(0)
    const now = Date.now()
    await db.update(leads).set({ email: row.email }).where(eq(leads.id, a!))
    await updateLead(db, a!, { ...plan.patch, updatedAt: now })
    await db.batch(
      scorePatchStatements(db, [{ id: b!, patch: plan.patch }], now) as unknown as Parameters<typeof db.batch>[0],
    )
    const cols = `score_total, typeof(score_total) t1, score_fit, score_engagement, score_breakdown, criteria_version,
      hot, typeof(hot) t2, disqualified_reason, why_now, typeof(why_now) t3, status, mql_at, sql_at, updated_at`
    const raw = (id: string) => env.DB.prepare(`select ${cols} from leads where id = ?`).bind(id).first()
    expect(await raw(b!)).toEqual(await raw(a!))
  })

  it('store journey entries exactly as drizzle stores them', async () => {
    const data = { from: 30, to: 3.3333333333333335, big: 1e21, note: 'a "quoted" \\ é\n', nested: { x: [null, true] } }
    const entry = (leadId: string) => ({ leadId, at: 1_000, kind: 'score' as const, actor: 'criteria-job', data })
    await db.batch([historyEntry(db, entry('eq_json_a'))])
    await db.batch(historyJsonInserts(db, [entry('eq_json_b')]) as unknown as Parameters<typeof db.batch>[0])
    const raw = (id: string) =>
      env.DB.prepare('select at, kind, actor, data, typeof(data) t from lead_history where lead_id = ?')
        .bind(id)
        .first()
    expect(await raw('eq_json_b')).toEqual(await raw('eq_json_a'))
  })
})

describe('a criteria job chunk where most of 500 leads newly qualify', () => {
  let ids: string[] = []
  let waiting: string[] = []

  beforeAll(async () => {
    ids = await insertOpenLeads('nq_', JOB_CHUNK - 20)
    // Already qualified and unassigned: the managers' queue. Already assigned: a rep has them.
    waiting = await insertOpenLeads('nr_', 10, { status: 'sql' })
    await insertOpenLeads('ns_', 10, { status: 'assigned', assignee: 'cj_rep_a' })
  })

  it('stays within D1 limits in every message and hands off each new qualifier exactly once', async () => {
    const runs = await runJob('cjob_budget', lenient.version)
    const first = runs[0]!
    // The chunk message: rescored 500 leads, handed off the first batch, passed the rest on.
    expect(first.statements + first.delivery).toBeLessThanOrEqual(1000)
    expect(first.trips).toBeLessThanOrEqual(8)
    for (const r of runs) {
      expect(r.statements + r.delivery).toBeLessThanOrEqual(1000)
      expect(r.trips).toBeLessThanOrEqual(8)
    }
    // The first chunk hands off its first batch itself; the rest follow in messages of their own.
    expect(runs.filter((r) => r.handOff)).toHaveLength(Math.ceil(ids.length / HANDOFFS_PER_MESSAGE) - 1)

    const job = await env.DB.prepare("select * from criteria_jobs where id = 'cjob_budget'").first()
    expect(job).toMatchObject({
      status: 'done',
      done: JOB_CHUNK + 2 /* the two equality leads */,
      handed_off: ids.length,
    })
    // Each new qualifier has exactly one assignment, split evenly by the pool's round robin (weights 1:1).
    expect(await count("select count(*) n from assignments where lead_id like 'nq_%'")).toBe(ids.length)
    expect(await count("select count(distinct lead_id) n from assignments where lead_id like 'nq_%'")).toBe(ids.length)
    const split = await env.DB.prepare(
      "select rep_id, count(*) n from assignments where lead_id like 'nq_%' group by rep_id order by rep_id",
    ).all<{ rep_id: string; n: number }>()
    expect(split.results).toEqual([
      { rep_id: 'cj_rep_a', n: ids.length / 2 },
      { rep_id: 'cj_rep_b', n: ids.length / 2 },
    ])
    expect(await count("select count(*) n from sla_clocks where lead_id like 'nq_%'")).toBe(ids.length)
    // Waiting and assigned leads were rescored but not handed off again.
    expect(await count("select count(*) n from assignments where lead_id like 'nr_%' or lead_id like 'ns_%'")).toBe(0)
    expect(
      await count(
        `select count(*) n from lead_history where kind = 'assignment' and lead_id in (${waiting.map((w) => `'${w}'`).join(',')})`,
      ),
    ).toBe(0)
  }, 60_000)
})

describe('a message runs several chunks while they hand nobody off', () => {
  it('runs light chunks back to back and a heavy one after them in one invocation, within the budget', async () => {
    // With the 'eq_' pair: 3,500 leads without fit first (nobody qualifies), then 40 that newly qualify. The
    // first message runs one chunk, the second six light chunks and the heavy 8th.
    await insertOpenLeads('ka_', 3_498, { fit: false })
    await insertOpenLeads('kz_', 40)
    const runs = await runJob('cjob_light', lenient.version)
    const first = runs[0]!
    expect(first.statements + first.delivery).toBeLessThanOrEqual(1000)
    for (const r of runs) expect(r.statements + r.delivery).toBeLessThanOrEqual(1000)
    const job = await env.DB.prepare("select * from criteria_jobs where id = 'cjob_light'").first()
    expect(job).toMatchObject({ status: 'done', handed_off: 40 })
    expect(await count("select count(*) n from assignments where lead_id like 'kz_%'")).toBe(40)
    expect(await count("select count(*) n from assignments where lead_id like 'ka_%'")).toBe(0)
    // One chunk, then seven in one message, the rest of the hand-offs, then the last chunk(s). A chunk is two
    // round trips (its read, its writes with its progress), so seven in one message make at least 14.
    expect(runs.filter((r) => !r.handOff).length).toBeLessThanOrEqual(3)
    expect(Math.max(...runs.map((r) => r.trips))).toBeGreaterThanOrEqual(7 * 2)
  }, 60_000)
})
