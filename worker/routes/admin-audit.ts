/**
 * `GET /v1/admin/audit` (admin): the audit log, newest first, keyset-paginated. See docs/api.md.
 * @module
 */
import { Hono } from 'hono'
import { AuditQuery } from '../../shared/schemas/audit'
import type { AppEnv } from '../app-env'
import { listAudit } from '../db/queries/audit'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'

export const adminAuditRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', validate('query', AuditQuery), async (c) => {
    const q = c.req.valid('query')
    const before = q.cursor && /^\d+$/.test(q.cursor) ? Number(q.cursor) : undefined
    // One extra row says whether another page exists.
    const rows = await listAudit(c.var.db, { before, limit: q.limit + 1, action: q.action })
    const page = rows.slice(0, q.limit)
    return c.json({
      entries: page.map((r) => ({
        id: String(r.id),
        at: new Date(r.at).toISOString(),
        action: r.action,
        actor: { name: r.actorName, role: r.actorRole, tokenId: r.tokenId, repId: r.repId },
        target: { type: r.targetType, id: r.targetId },
        request: r.request,
        detail: r.detail,
      })),
      nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null,
    })
  })
