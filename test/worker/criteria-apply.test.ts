import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CRITERIA } from '../../shared/default-criteria'
import { CriteriaDocument } from '../../shared/schemas/criteria'
import { CriteriaPreview, HandOffImpact } from '../../shared/schemas/intake'
import { api, drainCriteriaJob } from './helpers'
import { setupOrg } from './brief-fixtures'

const defaults = () => CriteriaDocument.parse(DEFAULT_CRITERIA)
/** Thresholds so low that every open lead with some fit reaches SQL. */
const lenient = () => ({ ...defaults(), thresholds: { mql: 1, sql: 2 } })

const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())!.n
const assignmentsCount = () => count('select count(*) n from assignments')
const assignedAlerts = () => count("select count(*) n from alerts where milestone = 'assigned' and recipient = 'rep'")
const impact = async (document: unknown) => {
  const res = await api('/v1/admin/criteria/impact', { json: document })
  expect(res.status).toBe(200)
  return HandOffImpact.parse(((await res.json()) as { impact: unknown }).impact)
}

beforeAll(async () => {
  await setupOrg('ca')
  // Three open leads with some fit but below the default SQL threshold: nobody has them yet.
  for (const n of [1, 2, 3]) {
    const res = await api('/v1/leads', {
      json: { email: `ca${n}@apply-co.io`, title: 'VP Marketing', company: { employees: 300 } },
    })
    expect(res.status).toBe(201)
  }
})

describe('criteria apply modes', () => {
  it('starts with three open, unassigned leads below the SQL threshold', async () => {
    expect(await count("select count(*) n from leads where assignee_id is null and status in ('new', 'mql')")).toBe(3)
    expect(await assignmentsCount()).toBe(0)
  })

  it('the preview and the impact say how many open leads would be handed off now', async () => {
    const predicted = await impact(lenient())
    expect(predicted).toMatchObject({ openLeads: 3, handOffs: 3, alerts: 3 })
    expect(predicted.leadIds).toHaveLength(3)
    const preview = CriteriaPreview.parse(await (await api('/v1/admin/criteria/preview', { json: lenient() })).json())
    expect(preview.impact).toEqual(predicted)
    // The defaults change nothing, so nobody would be handed off.
    expect((await impact(defaults())).handOffs).toBe(0)
    // Nothing happened.
    expect(await assignmentsCount()).toBe(0)
  })

  it('new_activity_only: the version is saved, but no open lead is rescored or handed off', async () => {
    const before = await env.DB.prepare('select id, score_total, status, criteria_version from leads order by id').all()
    const res = await api('/v1/admin/criteria', {
      method: 'PUT',
      json: { document: lenient(), note: 'lenient', apply: 'new_activity_only' },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ apply: 'new_activity_only', job: null })
    expect(await assignmentsCount()).toBe(0)
    expect(await assignedAlerts()).toBe(0)
    expect(
      (await env.DB.prepare('select id, score_total, status, criteria_version from leads order by id').all()).results,
    ).toEqual(before.results)
    // The bare-document form takes the mode as a query parameter.
    const bare = await api('/v1/admin/criteria?apply=new_activity_only', { method: 'PUT', json: lenient() })
    expect(bare.status).toBe(200)
    expect(await assignmentsCount()).toBe(0)
    expect((await api('/v1/admin/criteria?apply=later', { method: 'PUT', json: lenient() })).status).toBe(422)
  })

  it('open_leads_now (the default): exactly the predicted leads are handed off, clocks start, alerts go out', async () => {
    const predicted = await impact(lenient())
    const res = await api('/v1/admin/criteria', { method: 'PUT', json: { document: lenient() } })
    // The answer comes at once with the job; the queue consumer does the work.
    expect(res.status).toBe(202)
    const saved = (await res.json()) as { apply: string; job: { id: string; total: number } }
    expect(saved.apply).toBe('open_leads_now')
    expect(saved.job.total).toBe(3)
    const job = await drainCriteriaJob(saved.job.id)
    expect(job).toMatchObject({ status: 'done', total: 3, done: 3, handedOff: predicted.handOffs })
    expect(await assignmentsCount()).toBe(3)
    expect(await count('select count(*) n from sla_clocks')).toBe(3)
    expect(await assignedAlerts()).toBe(predicted.alerts)
    const assigned = await env.DB.prepare('select lead_id from assignments order by lead_id').all<{ lead_id: string }>()
    expect(assigned.results.map((r) => r.lead_id)).toEqual([...predicted.leadIds].sort())
    // Nothing is left to hand off.
    expect((await impact(lenient())).handOffs).toBe(0)
    // Applying again hands off nobody twice: the leads already handed off keep their one assignment.
    const again = await api('/v1/admin/criteria', { method: 'PUT', json: { document: lenient(), note: 'again' } })
    expect(again.status).toBe(202)
    const rerun = await drainCriteriaJob(((await again.json()) as { job: { id: string } }).job.id)
    expect(rerun).toMatchObject({ status: 'done', done: 3, handedOff: 0 })
    expect(await assignmentsCount()).toBe(3)
    expect((await api('/v1/admin/criteria/jobs/cjob_nope')).status).toBe(404)
  })

  it('restore takes the same choice: new_activity_only leaves open leads as they are', async () => {
    const versions = await api('/v1/admin/criteria/versions')
    const first = ((await versions.json()) as { versions: Array<{ version: number }> }).versions.at(-1)!.version
    const before = await env.DB.prepare('select id, score_total, status, criteria_version from leads order by id').all()
    const res = await api(`/v1/admin/criteria/versions/${first}/restore`, {
      json: { note: 'undo', apply: 'new_activity_only' },
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ apply: 'new_activity_only', job: null })
    expect(
      (await env.DB.prepare('select id, score_total, status, criteria_version from leads order by id').all()).results,
    ).toEqual(before.results)
  })
})
