/**
 * Bearer-token authentication and role checks.
 * @module
 */
import { eq } from 'drizzle-orm'
import { createMiddleware } from 'hono/factory'
import type { Role } from '../../shared/schemas/auth'
import type { AppEnv, Principal } from '../app-env'
import { tokens } from '../db/schema'
import { ApiError } from '../errors'
import { digestsEqual, sha256Hex } from '../lib/crypto'

const PREFIX = 'Bearer '

const resolve = async (c: Parameters<Parameters<typeof createMiddleware<AppEnv>>[0]>[0]): Promise<Principal> => {
  const header = c.req.header('Authorization') ?? ''
  if (!header.startsWith(PREFIX)) throw new ApiError(401, 'unauthorized', 'Missing bearer token')
  const token = header.slice(PREFIX.length).trim()
  if (!token) throw new ApiError(401, 'unauthorized', 'Missing bearer token')
  const hash = await sha256Hex(token)
  if (c.env.ADMIN_TOKEN && digestsEqual(hash, await sha256Hex(c.env.ADMIN_TOKEN))) {
    return { role: 'admin', repId: null, tokenId: null, name: 'bootstrap admin' }
  }
  const row = await c.var.db.query.tokens.findFirst({ where: eq(tokens.tokenHash, hash) })
  if (!row || row.revokedAt) throw new ApiError(401, 'unauthorized', 'Unknown or revoked token')
  return { role: row.role, repId: row.repId, tokenId: row.id, name: row.name }
}

/**
 * Admits only the listed roles (401 without a valid token, 403 for another role).
 * Sets `c.var.principal`.
 * @example new Hono<AppEnv>().use(requireRole('admin')).get('/criteria', …)
 */
export const requireRole = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.get('principal') ?? (await resolve(c))
    if (!roles.includes(principal.role)) {
      throw new ApiError(403, 'forbidden', `This route needs one of the roles: ${roles.join(', ')}`)
    }
    c.set('principal', principal)
    await next()
  })
