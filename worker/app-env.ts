import type { DrizzleD1Database } from 'drizzle-orm/d1'
import type { Role } from '../shared/schemas/auth'
import type * as schema from './db/schema'

/** Who is calling: resolved from the bearer token by the auth middleware. */
export type Principal = {
  role: Role
  /** The rep or manager the token belongs to, if any. */
  repId: string | null
  tokenId: string | null
  name: string
}

export type Db = DrizzleD1Database<typeof schema>

/** Hono environment shared by every route. */
export type AppEnv = {
  Bindings: Env
  Variables: {
    db: Db
    principal: Principal
    /** Facts a mutating route adds to its audit entry (see `middleware/audit.ts`). */
    audit?: { targetId?: string; detail?: Record<string, unknown> }
    /** The lead a `/:id/…` route acts on, once the caller's access to it is checked (`ownLeadFirst`). */
    leadId?: string
  }
}
