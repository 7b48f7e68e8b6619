/**
 * GET /v1/leads/lookup, /:id, /:id/journey, POST /:id/touch, /:id/disposition (owner: brief), and
 * POST /:id/reassign (managers and admins only).
 * Reps see and act only on leads assigned to them: any other existing lead, assigned to someone else or to
 * nobody, is 403 with no lead data in the error; a lead that does not exist is 404.
 * @module
 */
import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { type CrmRef, DispositionInput, LookupQuery, TouchInput } from '../../shared/schemas/lead'
import { ReassignInput } from '../../shared/schemas/manager'
import { parseCrmRef } from '../../shared/urls/crm'
import { linkedInSlug } from '../../shared/urls/linkedin'
import type { AppEnv, Db } from '../app-env'
import { normalizeEmail } from '../db/queries/leads'
import { leadIdByCrmRef, leadIdByEmail, leadIdByLinkedinSlug } from '../db/queries/lead-lookup'
import { attachRef } from '../db/queries/sources'
import { authorizeLead } from '../domain/lead-access'
import { buildBrief } from '../domain/brief'
import { recordDisposition } from '../domain/disposition'
import { leadJourney } from '../domain/journey'
import { leadSummaries } from '../domain/manager/lead-summary'
import { reassignLead } from '../domain/reassign'
import { recordTouch } from '../domain/touch'
import { ApiError } from '../errors'
import { domainCtx } from '../lib/domain-ctx'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'

const notFound = () => new ApiError(404, 'not_found', 'No such lead')

const issue = (path: string, message: string) =>
  new ApiError(422, 'validation_failed', 'The request did not pass validation', [{ path, message }])

/**
 * The lead id a lookup names, or null. With `crm` and `email`, the CRM id first; when only the email finds
 * the lead, `heal` names the reference to attach once the caller may see that lead.
 */
const findLeadId = async (db: Db, q: LookupQuery): Promise<{ id: string | null; heal?: CrmRef }> => {
  if (q.crm && q.email) {
    const ref = parseCrmRef(q.crm)
    if (ref === null) throw issue('crm', 'Expected salesforce:<15 or 18-character id>, hubspot:<id> or pipedrive:<id>')
    const byRef = await leadIdByCrmRef(db, ref)
    if (byRef) return { id: byRef }
    return { id: await leadIdByEmail(db, normalizeEmail(q.email)), heal: ref }
  }
  if (q.email) return { id: await leadIdByEmail(db, normalizeEmail(q.email)) }
  if (q.linkedin) {
    const slug = linkedInSlug(q.linkedin)
    if (slug === null) throw issue('linkedin', 'Not a LinkedIn profile URL or slug')
    return { id: await leadIdByLinkedinSlug(db, slug) }
  }
  const ref = parseCrmRef(q.crm ?? '')
  if (ref === null) throw issue('crm', 'Expected salesforce:<15 or 18-character id>, hubspot:<id> or pipedrive:<id>')
  return { id: await leadIdByCrmRef(db, ref) }
}

const brief = async (db: Db, id: string) => {
  const lead = await buildBrief(db, id, Date.now())
  if (!lead) throw notFound()
  return { lead }
}

/**
 * Checks the caller's access to the lead before the body is validated, so a colleague's lead answers 403
 * whatever the body holds (never a 422 that would hint at what the route accepts for it).
 */
const ownLeadFirst = createMiddleware<AppEnv>(async (c, next) => {
  c.set('leadId', await authorizeLead(c.var.db, c.var.principal, c.req.param('id') ?? ''))
  await next()
})

export const leadRoutes = new Hono<AppEnv>()
  .get('/lookup', requireRole('rep', 'manager', 'admin'), validate('query', LookupQuery), async (c) => {
    const { id, heal } = await findLeadId(c.var.db, c.req.valid('query'))
    if (id === null) throw notFound()
    await authorizeLead(c.var.db, c.var.principal, id)
    // Only after the access check: a rep cannot attach ids to leads they may not see. An id already on
    // another lead stays there.
    if (heal) await attachRef(c.var.db, heal.system, heal.id, id)
    return c.json(await brief(c.var.db, id))
  })
  .get('/:id', requireRole('rep', 'manager', 'admin'), async (c) => {
    const id = await authorizeLead(c.var.db, c.var.principal, c.req.param('id'))
    return c.json(await brief(c.var.db, id))
  })
  .get('/:id/journey', requireRole('rep', 'manager', 'admin'), async (c) => {
    const id = await authorizeLead(c.var.db, c.var.principal, c.req.param('id'))
    return c.json({ leadId: id, entries: await leadJourney(c.var.db, id) })
  })
  .post('/:id/touch', requireRole('rep', 'manager', 'admin'), ownLeadFirst, validate('json', TouchInput), async (c) => {
    const id = c.var.leadId!
    const ctx = domainCtx(c)
    const input = c.req.valid('json')
    const touch = await recordTouch(ctx, {
      leadId: id,
      channel: input.channel,
      note: input.note,
      via: 'rep',
      repId: c.var.principal.repId,
      at: ctx.now,
    })
    if (!touch) throw notFound()
    return c.json(
      {
        touch: { id: touch.id, first: touch.first, at: new Date(touch.at).toISOString() },
        ...(await brief(c.var.db, id)),
      },
      201,
    )
  })
  .post(
    '/:id/disposition',
    requireRole('rep', 'manager', 'admin'),
    ownLeadFirst,
    validate('json', DispositionInput),
    async (c) => {
      const id = c.var.leadId!
      const ctx = domainCtx(c)
      const done = await recordDisposition(ctx, {
        ...c.req.valid('json'),
        leadId: id,
        actorId: c.var.principal.repId ?? c.var.principal.tokenId,
      })
      if (!done) throw notFound()
      return c.json(
        {
          disposition: { id: done.id, status: done.status, at: new Date(done.at).toISOString() },
          ...(await brief(c.var.db, id)),
        },
        201,
      )
    },
  )
  .post('/:id/reassign', requireRole('manager', 'admin'), validate('json', ReassignInput), async (c) => {
    const ctx = domainCtx(c)
    const input = c.req.valid('json')
    const done = await reassignLead(ctx, c.req.param('id'), input)
    c.set('audit', { detail: { reason: input.reason, toRepId: done.rep.id, poolId: done.poolId } })
    const [lead] = await leadSummaries(ctx.db, [c.req.param('id')], ctx.now)
    return c.json({
      assignment: {
        id: done.assignmentId,
        repId: done.rep.id,
        repName: done.rep.name,
        poolId: done.poolId,
        dueAt: done.dueAt === null ? null : new Date(done.dueAt).toISOString(),
      },
      lead: lead!,
    })
  })
