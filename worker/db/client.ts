import { drizzle } from 'drizzle-orm/d1'
import type { Db } from '../app-env'
import * as schema from './schema'

/**
 * A drizzle client over the D1 binding (for cron and scripts; routes get one from the `db` middleware).
 * @example const db = createDb(env.DB)
 */
export const createDb = (d1: D1Database): Db => drizzle(d1, { schema, casing: 'snake_case' })
