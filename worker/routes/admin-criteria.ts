/**
 * `/v1/admin/criteria` (admin): the current version, edits (a new version each, who and why recorded),
 * versions, restore, the preview of a draft and its hand-off impact. Saving and restoring take `apply`
 * (`open_leads_now`, the default, or `new_activity_only`). See docs/api.md.
 * @module
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { CriteriaDocument } from '../../shared/schemas/criteria'
import {
  type CriteriaApply,
  CriteriaApplyQuery,
  CriteriaEdit,
  CriteriaRestore,
  PreviewQuery,
} from '../../shared/schemas/intake'
import type { AppEnv } from '../app-env'
import type { DomainCtx } from '../domain/context'
import {
  appendCriteriaVersion,
  getCriteriaVersion,
  getCurrentCriteria,
  listCriteriaVersions,
  type StoredCriteria,
} from '../db/queries/criteria'
import { handOffImpact } from '../domain/criteria/impact'
import { previewCriteria } from '../domain/criteria/preview'
import { startCriteriaJob } from '../domain/criteria/job'
import { getCriteriaJob } from '../db/queries/criteria-jobs'
import { domainCtx } from '../lib/domain-ctx'
import { ApiError, validationError } from '../errors'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'

const iso = (ms: number) => new Date(ms).toISOString()
const show = (c: StoredCriteria) => ({ ...c, createdAt: iso(c.createdAt) })

/** `{ document, note? }` or a bare document; issue paths follow the shape that was sent. */
const readEdit = (body: Record<string, unknown>): CriteriaEdit => {
  if ('document' in body) {
    const r = CriteriaEdit.safeParse(body)
    if (!r.success) throw validationError(r.error)
    return r.data
  }
  const r = CriteriaDocument.safeParse(body)
  if (!r.success) throw validationError(r.error)
  return { document: r.data }
}

const versionParam = (raw: string) => {
  const v = Number(raw)
  if (!Number.isInteger(v) || v < 1) throw new ApiError(404, 'not_found', 'No such criteria version')
  return v
}

const Body = z.record(z.string(), z.unknown())

/** Without a mode the v1 behaviour holds: open leads are rescored (and handed off) at once. */
const DEFAULT_APPLY: CriteriaApply = 'open_leads_now'

/**
 * `open_leads_now` starts a background job (Cloudflare Queues) over the open leads and answers its id; with
 * `new_activity_only` nothing is rescored now: each lead meets the new version at its next activity.
 */
const applyTo = async (ctx: DomainCtx, saved: StoredCriteria, apply: CriteriaApply) =>
  apply === 'open_leads_now' ? startCriteriaJob(ctx, saved) : null

const showJob = (j: NonNullable<Awaited<ReturnType<typeof getCriteriaJob>>>) => ({
  id: j.id,
  version: j.version,
  status: j.status,
  total: j.total,
  done: j.done,
  changed: j.changed,
  handedOff: j.handedOff,
  error: j.error,
  createdAt: iso(j.createdAt),
  updatedAt: iso(j.updatedAt),
})

export const adminCriteriaRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => c.json(show(await getCurrentCriteria(c.var.db))))
  .put('/', validate('query', CriteriaApplyQuery), validate('json', Body), async (c) => {
    const edit = readEdit(c.req.valid('json'))
    const apply = edit.apply ?? c.req.valid('query').apply ?? DEFAULT_APPLY
    const ctx = domainCtx(c)
    const saved = await appendCriteriaVersion(ctx.db, {
      document: edit.document,
      note: edit.note ?? null,
      author: c.var.principal.name,
      now: ctx.now,
    })
    const job = await applyTo(ctx, saved, apply)
    c.set('audit', { targetId: String(saved.version), detail: { version: saved.version, apply, note: saved.note } })
    return job ? c.json({ ...show(saved), apply, job }, 202) : c.json({ ...show(saved), apply, job: null }, 200)
  })
  .get('/jobs/:id', async (c) => {
    const job = await getCriteriaJob(c.var.db, c.req.param('id'))
    if (!job) throw new ApiError(404, 'not_found', 'No such criteria job')
    return c.json(showJob(job))
  })
  .get('/versions', async (c) => {
    const [current, rows] = await Promise.all([getCurrentCriteria(c.var.db), listCriteriaVersions(c.var.db)])
    return c.json({
      versions: rows.map((r) => ({ ...r, createdAt: iso(r.createdAt), current: r.version === current.version })),
    })
  })
  .get('/versions/:version', async (c) => {
    const found = await getCriteriaVersion(c.var.db, versionParam(c.req.param('version')))
    if (!found) throw new ApiError(404, 'not_found', 'No such criteria version')
    return c.json(show(found))
  })
  .post('/versions/:version/restore', validate('query', CriteriaApplyQuery), async (c) => {
    const version = versionParam(c.req.param('version'))
    let note: string | undefined
    let apply = c.req.valid('query').apply ?? DEFAULT_APPLY
    const text = await c.req.text()
    if (text.trim()) {
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        throw new ApiError(400, 'malformed_json', 'The body is not valid JSON')
      }
      const r = CriteriaRestore.safeParse(json)
      if (!r.success) throw validationError(r.error)
      note = r.data.note
      apply = r.data.apply ?? apply
    }
    const ctx = domainCtx(c)
    const found = await getCriteriaVersion(ctx.db, version)
    if (!found) throw new ApiError(404, 'not_found', 'No such criteria version')
    const saved = await appendCriteriaVersion(ctx.db, {
      document: found.document,
      note: note ?? `Restored version ${version}`,
      author: c.var.principal.name,
      now: ctx.now,
      restoredFrom: version,
    })
    const job = await applyTo(ctx, saved, apply)
    c.set('audit', { detail: { version: saved.version, restoredFrom: version, apply } })
    return job ? c.json({ ...show(saved), apply, job }, 202) : c.json({ ...show(saved), apply, job: null }, 201)
  })
  .post('/preview', validate('query', PreviewQuery), validate('json', Body), async (c) => {
    const { document } = readEdit(c.req.valid('json'))
    const now = Date.now()
    const [preview, impact] = await Promise.all([
      previewCriteria(c.var.db, document, c.req.valid('query').limit, now),
      handOffImpact(c.var.db, document, now),
    ])
    return c.json({ ...preview, impact })
  })
  .post('/impact', validate('json', Body), async (c) => {
    const { document } = readEdit(c.req.valid('json'))
    return c.json({ impact: await handOffImpact(c.var.db, document, Date.now()) })
  })
