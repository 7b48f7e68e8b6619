/**
 * `/v1/admin/sources`: website form sources (admin). `GET` lists, `POST` creates one with a generated key,
 * `DELETE /:key` removes it (its form posts then answer 404).
 * @module
 */
import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { type IntakeSource, IntakeSourceInput } from '../../shared/schemas/intake'
import type { AppEnv } from '../app-env'
import { intakeSources } from '../db/schema'
import { ApiError } from '../errors'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'

type Row = typeof intakeSources.$inferSelect

const toSource = (r: Row): IntakeSource => ({ ...r, formPath: `/v1/intake/form/${r.key}` })

/** A public, unguessable key: 128 random bits in hex. */
const sourceKey = () =>
  `src_${[...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('')}`

export const adminSourceRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => {
    const rows = await c.var.db.select().from(intakeSources).orderBy(intakeSources.name)
    return c.json({ sources: rows.map(toSource) })
  })
  .post('/', validate('json', IntakeSourceInput), async (c) => {
    const input = c.req.valid('json')
    const [row] = await c.var.db
      .insert(intakeSources)
      .values({
        key: sourceKey(),
        name: input.name,
        source: input.source,
        campaign: input.campaign ?? null,
        redirectUrl: input.redirectUrl ?? null,
        active: input.active,
      })
      .returning()
    return c.json({ source: toSource(row!) }, 201)
  })
  .delete('/:key', async (c) => {
    const rows = await c.var.db
      .delete(intakeSources)
      .where(eq(intakeSources.key, c.req.param('key')))
      .returning()
    if (rows.length === 0) throw new ApiError(404, 'not_found', 'No form source with this key')
    return c.body(null, 204)
  })
