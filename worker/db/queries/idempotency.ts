/**
 * Stored first responses of `Idempotency-Key` requests.
 * @module
 */
import { eq } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { idempotencyKeys } from '../schema'

/** The stored first response for a key, if any. */
export const storedResponse = async (db: Db, key: string) => {
  const [row] = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))
  return row ? { status: row.status, body: row.body } : null
}

/** Stores the first response; a concurrent first writer wins (the other's response is still valid). */
export const storeResponse = (db: Db, key: string, status: number, body: string, now: number) =>
  db.insert(idempotencyKeys).values({ key, status, body, createdAt: now }).onConflictDoNothing()
