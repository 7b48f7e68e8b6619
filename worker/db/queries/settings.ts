/**
 * Organisation-wide settings: one JSON value per key (the managers' channel, the monthly MQL target, …).
 * @module
 */
import { eq } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { settings } from '../schema'

/** The stored value of a setting, or undefined. */
export const getSetting = async (db: Db, key: string): Promise<unknown> =>
  (await db.query.settings.findFirst({ where: eq(settings.key, key) }))?.value

/** Writes a setting, replacing any earlier value. */
export const putSetting = (db: Db, key: string, value: unknown) =>
  db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } })
