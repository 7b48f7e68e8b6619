/**
 * Bearer-token authentication and role checks.
 * @module
 */
import { createMiddleware } from 'hono/factory'
import type { Role } from '../../shared/schemas/auth'
import type { AppEnv, Principal } from '../app-env'
import { markTokenUsed, tokenByHash } from '../db/queries/tokens'
import { ApiError } from '../errors'
import { digestsEqual, sha256Hex } from '../lib/crypto'
import { clientIp, spend } from './rate-limit'

/** RFC 6750: the scheme name is case-insensitive (`bearer x` works). */
const BEARER = /^bearer[ \t]+(\S+)\s*$/i

/** A shorter bootstrap secret is ignored: it could be guessed. */
export const MIN_ADMIN_TOKEN_LENGTH = 32

const unauthorized = (message: string) => new ApiError(401, 'unauthorized', message)

/** The property `requireRole()` sets on its middleware: the roles it lets through. */
export const ROLES_MARK = Symbol.for('handoff.roles')

type Ctx = Parameters<Parameters<typeof createMiddleware<AppEnv>>[0]>[0]

/** A refused credential: 401, or 429 once this client has failed too often (so guessing is slow everywhere). */
const refuse = async (c: Ctx, message: string): Promise<never> => {
  await spend(c.env.AUTH_FAIL_LIMITER, `auth:${clientIp(c)}`)
  throw unauthorized(message)
}

/**
 * Whether `ADMIN_TOKEN` may act as an admin: set, at least 32 characters, and not turned off with
 * `ADMIN_BOOTSTRAP=off` (for deployments that have issued real admin tokens).
 */
export const bootstrapEnabled = (env: Pick<Env, 'ADMIN_TOKEN' | 'ADMIN_BOOTSTRAP'>) =>
  !!env.ADMIN_TOKEN && env.ADMIN_TOKEN.length >= MIN_ADMIN_TOKEN_LENGTH && env.ADMIN_BOOTSTRAP !== 'off'

const resolve = async (c: Ctx): Promise<Principal> => {
  const match = BEARER.exec(c.req.header('Authorization') ?? '')
  if (!match) return refuse(c, 'Missing bearer token')
  const hash = await sha256Hex(match[1]!)
  if (bootstrapEnabled(c.env) && digestsEqual(hash, await sha256Hex(c.env.ADMIN_TOKEN!))) {
    return { role: 'admin', repId: null, tokenId: null, name: 'bootstrap admin' }
  }
  const found = await tokenByHash(c.var.db, hash)
  const now = Date.now()
  // One message for every refusal, so a caller learns nothing about which tokens exist.
  if (!found) return refuse(c, 'Unknown, revoked or expired token')
  const { token, repActive } = found
  if (token.revokedAt !== null || (token.expiresAt !== null && token.expiresAt <= now))
    return refuse(c, 'Unknown, revoked or expired token')
  // A deactivated (or deleted) rep's tokens stop working at once.
  if (token.repId !== null && repActive !== true) return refuse(c, 'Unknown, revoked or expired token')
  if (token.lastUsedAt === null || token.lastUsedAt < now - 60_000) {
    // At most one write a minute per token, off the response's path where the runtime allows it.
    const used = markTokenUsed(c.var.db, token.id, now).run()
    try {
      c.executionCtx.waitUntil(used)
    } catch {
      await used // no execution context (the app called directly)
    }
  }
  return { role: token.role, repId: token.repId, tokenId: token.id, name: token.name }
}

/**
 * Admits only the listed roles (401 without a valid token, 403 for another role).
 * Sets `c.var.principal`.
 * @example new Hono<AppEnv>().use(requireRole('admin')).get('/criteria', …)
 */
export const requireRole = (...roles: Role[]) =>
  Object.assign(
    createMiddleware<AppEnv>(async (c, next) => {
      const principal = c.get('principal') ?? (await resolve(c))
      if (!roles.includes(principal.role)) {
        throw new ApiError(403, 'forbidden', `This route needs one of the roles: ${roles.join(', ')}`)
      }
      c.set('principal', principal)
      await next()
    }),
    // Read by the OpenAPI document (worker/openapi/document.ts), so its roles are the ones enforced here.
    { [ROLES_MARK]: roles as readonly Role[] },
  )
