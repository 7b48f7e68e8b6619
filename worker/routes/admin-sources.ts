/**
 * `/v1/admin/sources` (admin): intake sources. A `form` source is the public website form; the webhook kinds
 * (HubSpot, Pipedrive, Salesforce, Typeform, Calendly) each have their own secret, shown once when Handoff
 * generates it. `POST /:id/rotate` replaces the secret; `DELETE /:id` removes the source (its path then
 * answers 404).
 * @module
 */
import { Hono } from 'hono'
import { SourceInput, SourceRotate } from '../../shared/schemas/sources'
import type { AppEnv } from '../app-env'
import { deleteSource, listSources } from '../db/queries/sources'
import { notFound } from '../domain/errors'
import { createSource, rotateSource, toSource } from '../domain/sources'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'

export const adminSourceRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => c.json({ sources: (await listSources(c.var.db)).map((r) => toSource(r)) }))
  .post('/', validate('json', SourceInput), async (c) =>
    c.json({ source: await createSource(c.var.db, c.req.valid('json'), Date.now()) }, 201),
  )
  .post('/:key/rotate', validate('json', SourceRotate), async (c) =>
    c.json({ source: await rotateSource(c.var.db, c.req.param('key'), c.req.valid('json')) }),
  )
  .delete('/:key', async (c) => {
    if (!(await deleteSource(c.var.db, c.req.param('key')))) throw notFound('source', 'key')
    return c.body(null, 204)
  })
