import { drizzle } from 'drizzle-orm/d1'
import type { Db } from '../app-env'
import * as schema from './schema'

/**
 * A drizzle client over a D1 binding.
 * @example const db = createDb(env.DB)
 */
export const createDb = (d1: D1Database): Db => drizzle(d1, { schema, casing: 'snake_case' })

/** One client per binding for the isolate's lifetime; a WeakMap lets a binding that goes away take its client along. */
const clients = new WeakMap<D1Database, Db>()

/**
 * The organisation's database for a request or a cron tick. Building a drizzle client per request cost CPU
 * on every call, so it is built once per binding. This is also the one place that picks the binding: a
 * per-organisation database (docs/scale.md) becomes a change here, not in the domain code.
 * @example const db = dbFor(env)
 */
export const dbFor = (env: Pick<Env, 'DB'>): Db => {
  let client = clients.get(env.DB)
  if (!client) clients.set(env.DB, (client = createDb(env.DB)))
  return client
}
