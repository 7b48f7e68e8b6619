/**
 * `/v1/admin/tokens`: issue (shown once; only its hash is stored), list (never the secret), revoke.
 * A revoked or expired token gets 401 from its next request on.
 * @module
 */
import { Hono } from 'hono'
import { CreateTokenInput } from '../../shared/schemas/auth'
import type { AppEnv } from '../app-env'
import { getRep } from '../db/queries/reps'
import { insertToken, listTokens, revokeToken } from '../db/queries/tokens'
import { invalidInput, notFound } from '../domain/errors'
import { newId, randomToken, sha256Hex } from '../lib/crypto'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'
import { IdParam } from './params'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

export const adminTokenRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .post('/', validate('json', CreateTokenInput), async (c) => {
    const input = c.req.valid('json')
    if (input.repId && !(await getRep(c.var.db, input.repId)))
      throw invalidInput([{ path: 'repId', message: 'No rep with this id' }])
    const expiresAt = input.expiresAt ? Date.parse(input.expiresAt) : null
    if (expiresAt !== null && expiresAt <= Date.now())
      throw invalidInput([{ path: 'expiresAt', message: 'Must be in the future' }])
    const token = randomToken(input.role)
    const id = newId('tok')
    await insertToken(c.var.db, {
      id,
      tokenHash: await sha256Hex(token),
      role: input.role,
      repId: input.repId ?? null,
      name: input.name,
      createdBy: c.var.principal.name,
      expiresAt,
    })
    return c.json(
      { id, token, role: input.role, repId: input.repId ?? null, name: input.name, expiresAt: iso(expiresAt) },
      201,
    )
  })
  .get('/', async (c) => {
    const rows = await listTokens(c.var.db)
    return c.json({
      tokens: rows.map((t) => ({
        ...t,
        createdAt: iso(t.createdAt),
        lastUsedAt: iso(t.lastUsedAt),
        expiresAt: iso(t.expiresAt),
        revokedAt: iso(t.revokedAt),
      })),
    })
  })
  .delete('/:id', validate('param', IdParam), async (c) => {
    if (!(await revokeToken(c.var.db, c.req.valid('param').id, Date.now()))) throw notFound('token')
    return c.body(null, 204)
  })
