/**
 * API tokens: stored by SHA-256 hash only; listed without the hash; revoked by time stamp.
 * @module
 */
import { and, asc, eq, isNull, lt, or } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { reps, tokens } from '../schema'

/**
 * The token with this hash and whether its rep is still active, in one indexed read (the hash is unique).
 * @example const found = await tokenByHash(db, await sha256Hex(bearer))
 */
export const tokenByHash = async (db: Db, hash: string) => {
  const [row] = await db
    .select({ token: tokens, repActive: reps.active })
    .from(tokens)
    .leftJoin(reps, eq(reps.id, tokens.repId))
    .where(eq(tokens.tokenHash, hash))
    .limit(1)
  return row
}

/** Records a use, at most once a minute per token, so most requests write nothing. */
export const markTokenUsed = (db: Db, id: string, now: number) =>
  db
    .update(tokens)
    .set({ lastUsedAt: now })
    .where(and(eq(tokens.id, id), or(isNull(tokens.lastUsedAt), lt(tokens.lastUsedAt, now - 60_000))))

export const insertToken = (db: Db, row: typeof tokens.$inferInsert) => db.insert(tokens).values(row)

/** Every token, oldest first, without the hash. */
export const listTokens = (db: Db) =>
  db
    .select({
      id: tokens.id,
      name: tokens.name,
      role: tokens.role,
      repId: tokens.repId,
      createdAt: tokens.createdAt,
      createdBy: tokens.createdBy,
      lastUsedAt: tokens.lastUsedAt,
      expiresAt: tokens.expiresAt,
      revokedAt: tokens.revokedAt,
    })
    .from(tokens)
    .orderBy(asc(tokens.createdAt), asc(tokens.id))

/** @returns whether a token with this id exists (revoking twice keeps the first time). */
export const revokeToken = async (db: Db, id: string, now: number) => {
  const [row] = await db.select({ id: tokens.id, revokedAt: tokens.revokedAt }).from(tokens).where(eq(tokens.id, id))
  if (!row) return false
  if (row.revokedAt === null) await db.update(tokens).set({ revokedAt: now }).where(eq(tokens.id, id))
  return true
}
