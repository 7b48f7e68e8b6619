/**
 * `POST /v1/admin/tokens`: issue a token, shown once; only its hash is stored.
 * @module
 */
import { Hono } from 'hono'
import { eq } from 'drizzle-orm'
import { CreateTokenInput } from '../../shared/schemas/auth'
import type { AppEnv } from '../app-env'
import { reps, tokens } from '../db/schema'
import { ApiError } from '../errors'
import { newId, randomToken, sha256Hex } from '../lib/crypto'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'

export const adminTokenRoutes = new Hono<AppEnv>().use(requireRole('admin')).post('/', validate('json', CreateTokenInput), async (c) => {
  const input = c.req.valid('json')
  if (input.repId) {
    const rep = await c.var.db.query.reps.findFirst({ where: eq(reps.id, input.repId) })
    if (!rep) throw new ApiError(422, 'validation_failed', 'Unknown rep', [{ path: 'repId', message: 'No rep with this id' }])
  }
  const token = randomToken(input.role)
  const id = newId('tok')
  await c.var.db.insert(tokens).values({
    id,
    tokenHash: await sha256Hex(token),
    role: input.role,
    repId: input.repId ?? null,
    name: input.name,
    createdBy: c.var.principal.name,
  })
  return c.json({ id, token, role: input.role, repId: input.repId ?? null, name: input.name }, 201)
})
