import { env } from 'cloudflare:test'
import { drizzle } from 'drizzle-orm/d1'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CRITERIA } from '../../shared/default-criteria'
import { CriteriaDocument } from '../../shared/schemas/criteria'
import { CriteriaPreview } from '../../shared/schemas/intake'
import { score } from '../../shared/scoring/score'
import * as schema from '../../worker/db/schema'
import type { DomainCtx } from '../../worker/domain/context'
import { ingestEvents } from '../../worker/domain/intake/ingest-events'
import { ingestLead } from '../../worker/domain/intake/ingest-leads'
import { rescoreLead } from '../../worker/domain/intake/rescore'
import { api, drainCriteriaJob, issueToken } from './helpers'

const DAY = 86_400_000
const T0 = Date.parse('2026-06-01T09:00:00Z')
const ctxAt = (now: number): DomainCtx => ({ db: drizzle(env.DB, { schema, casing: 'snake_case' }), env, now })
const defaults = () => CriteriaDocument.parse(DEFAULT_CRITERIA)
type Current = {
  version: number
  document: CriteriaDocument
  note: string | null
  author: string
  restoredFrom: number | null
}
const current = async () => (await (await api('/v1/admin/criteria')).json()) as Current
const leadRow = (email: string) =>
  env.DB.prepare('select id, status, score_total, criteria_version, mql_at, sql_at from leads where email_norm = ?')
    .bind(email)
    .first<{
      id: string
      status: string
      score_total: number
      criteria_version: number
      mql_at: number | null
      sql_at: number | null
    }>()

describe('status transitions at a fixed now', () => {
  it('moves new → mql → sql with events and back down as they decay', async () => {
    const email = 'journey@criteria-co.io'
    const { leadId, created } = await ingestLead(ctxAt(T0), { email, title: 'VP Marketing' })
    expect(created).toBe(true)
    expect((await leadRow(email))!.status).toBe('new')

    const downloads = [1, 2, 3].map((i) => ({
      id: `dl-${i}`,
      email,
      type: 'content_download',
      occurredAt: new Date(T0 + i * 60_000).toISOString(),
    }))
    await ingestEvents(ctxAt(T0 + DAY), downloads)
    const mql = (await leadRow(email))!
    expect(mql.status).toBe('mql')
    expect(mql.mql_at).toBe(T0 + DAY)

    const webinars = [1, 2].map((i) => ({
      id: `wb-${i}`,
      email,
      type: 'webinar_attended',
      occurredAt: new Date(T0 + DAY + i * 60_000).toISOString(),
    }))
    await ingestEvents(ctxAt(T0 + 2 * DAY), webinars)
    const sql = (await leadRow(email))!
    expect(sql.status).toBe('sql')
    expect(sql.sql_at).toBe(T0 + 2 * DAY)

    // 120 days later the engagement has decayed: the lead nobody took falls back to new.
    const plan = await rescoreLead(ctxAt(T0 + 120 * DAY), leadId)
    expect(plan!.result.stage).toBe('new')
    const later = (await leadRow(email))!
    expect(later.status).toBe('new')
    expect(later.score_total).toBeLessThan(40)
    expect(later.sql_at).toBe(T0 + 2 * DAY)

    const history = await env.DB.prepare(
      "select data from lead_history where lead_id = ? and kind = 'status' order by id",
    )
      .bind(leadId)
      .all<{ data: string }>()
    expect(history.results.map((h) => JSON.parse(h.data)).map((d) => `${d.from}>${d.to}`)).toEqual([
      'new>mql',
      'mql>sql',
      'sql>new',
    ])
  })

  it('keeps a worked lead (contacted) out of automatic transitions', async () => {
    const email = 'worked@criteria-co.io'
    const { leadId } = await ingestLead(ctxAt(T0), { email, title: 'VP Marketing' })
    await env.DB.prepare("update leads set status = 'contacted' where id = ?").bind(leadId).run()
    await ingestEvents(ctxAt(T0), [
      { id: 'w-1', email, type: 'meeting_booked', occurredAt: new Date(T0).toISOString() },
    ])
    expect((await leadRow(email))!.status).toBe('contacted')
  })

  it('records a disqualifier as the reason and keeps the lead unqualified', async () => {
    await ingestLead(ctxAt(T0), { email: 'student@gmail.com', title: 'VP Sales' })
    const row = await env.DB.prepare(
      "select status, disqualified_reason from leads where email_norm = 'student@gmail.com'",
    ).first<{ status: string; disqualified_reason: string }>()
    expect(row!.status).toBe('new')
    expect(row!.disqualified_reason).toBeTruthy()
  })
})

describe('criteria versions', () => {
  it('starts from the default criteria as version 1', async () => {
    const c = await current()
    expect(c.version).toBeGreaterThanOrEqual(1)
    expect(c.document.thresholds).toEqual(defaults().thresholds)
  })

  it('refuses invalid documents with paths (bare and wrapped) and keeps the version', async () => {
    const before = (await current()).version
    const doc = {
      ...defaults(),
      thresholds: { mql: 80, sql: 50 },
      fit: [{ id: 'Bad Id', label: '', when: { op: 'regex', field: 'title' }, points: 5 }],
    }
    const res = await api('/v1/admin/criteria', { method: 'PUT', json: doc })
    expect(res.status).toBe(422)
    const paths = ((await res.json()) as { error: { issues: Array<{ path: string }> } }).error.issues.map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['thresholds.sql', 'fit.0.id', 'fit.0.label', 'fit.0.when.op']))
    const wrapped = await api('/v1/admin/criteria', {
      method: 'PUT',
      json: { document: { ...defaults(), thresholds: { mql: 10 } }, note: 'x' },
    })
    expect(wrapped.status).toBe(422)
    expect(await wrapped.json()).toMatchObject({ error: { issues: [{ path: 'document.thresholds.sql' }] } })
    expect((await current()).version).toBe(before)
  })

  it('PUT stores a new version with author and note, rescores open leads; versions list; restore', async () => {
    const ok = await api('/v1/leads', {
      json: { email: 'crit@criteria-co.io', title: 'VP Marketing', company: { employees: 300 } },
    })
    expect(ok.status).toBe(201)
    const before = (await leadRow('crit@criteria-co.io'))!
    const v1 = await current()
    const admin = await issueToken('admin')

    const raised = {
      ...defaults(),
      fit: defaults().fit.map((r) => (r.id === 'senior-title' ? { ...r, points: 60 } : r)),
    }
    const put = await api('/v1/admin/criteria', {
      method: 'PUT',
      token: admin,
      json: { document: raised, note: 'seniority matters more' },
    })
    expect(put.status).toBe(202)
    const saved = (await put.json()) as Current & { job: { id: string } }
    expect(saved).toMatchObject({
      version: v1.version + 1,
      note: 'seniority matters more',
      author: 'admin',
      restoredFrom: null,
    })
    expect((await drainCriteriaJob(saved.job.id)).changed).toBeGreaterThanOrEqual(1)
    const after = (await leadRow('crit@criteria-co.io'))!
    const senior = defaults().fit.find((r) => r.id === 'senior-title')!.points
    expect(after.score_total).toBe(before.score_total + 60 - senior)
    expect(after.criteria_version).toBe(saved.version)
    expect(after.status).toBe('sql')

    const bare = await api('/v1/admin/criteria', {
      method: 'PUT',
      json: { ...defaults(), thresholds: { mql: 30, sql: 90 } },
    })
    expect(bare.status).toBe(202)
    await drainCriteriaJob(((await bare.json()) as { job: { id: string } }).job.id)

    const versions = (await (await api('/v1/admin/criteria/versions')).json()) as {
      versions: Array<{ version: number; author: string; note: string | null; current: boolean }>
    }
    expect(versions.versions.map((v) => v.version).slice(0, 3)).toEqual([saved.version + 1, saved.version, v1.version])
    expect(versions.versions[0]!.current).toBe(true)
    const one = (await (await api(`/v1/admin/criteria/versions/${saved.version}`)).json()) as Current
    expect(one.document.fit.find((r) => r.id === 'senior-title')!.points).toBe(60)
    expect((await api('/v1/admin/criteria/versions/999')).status).toBe(404)

    const restore = await api(`/v1/admin/criteria/versions/${v1.version}/restore`, {
      json: { note: 'back to defaults' },
    })
    expect(restore.status).toBe(202)
    const restored = (await restore.json()) as Current & { job: { id: string } }
    await drainCriteriaJob(restored.job.id)
    expect(restored).toMatchObject({
      version: saved.version + 2,
      restoredFrom: v1.version,
      note: 'back to defaults',
      author: 'bootstrap admin',
    })
    expect(restored.document).toEqual(v1.document)
    // The lead is rescored with the restored criteria; a lead nobody works follows its score back down.
    expect((await leadRow('crit@criteria-co.io'))!.score_total).toBe(before.score_total)
  })

  it('previews a draft beside the current version without saving', async () => {
    await api('/v1/leads', {
      json: {
        email: 'preview@criteria-co.io',
        title: 'Director of Sales',
        company: { employees: 120, industry: 'Software' },
      },
    })
    const version = (await current()).version
    const draft = { ...defaults(), thresholds: { mql: 10, sql: 20 } }
    const res = await api('/v1/admin/criteria/preview?limit=50', { json: draft })
    expect(res.status).toBe(200)
    const preview = CriteriaPreview.parse(await res.json())
    expect(preview.current.version).toBe(version)
    expect(preview.draft.sql).toBeGreaterThan(preview.current.sql)
    const moved = preview.moved.find((m) => m.email === 'preview@criteria-co.io')!
    expect(moved.to).toBe('sql')
    // The sample carries what the popup needs to run the shared score() itself, with the same answer.
    const sample = preview.sample.find((s) => s.email === 'preview@criteria-co.io')!
    expect(score(sample.facts, sample.events, CriteriaDocument.parse(draft), Date.parse(preview.now)).total).toBe(
      moved.draftScore,
    )
    expect((await current()).version).toBe(version)
    expect((await api('/v1/admin/criteria/preview?limit=9999', { json: draft })).status).toBe(422)
    expect((await api('/v1/admin/criteria/preview', { json: { thresholds: { mql: 5 } } })).status).toBe(422)
  })
})
