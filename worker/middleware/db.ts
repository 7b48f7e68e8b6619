import { drizzle } from 'drizzle-orm/d1'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env'
import * as schema from '../db/schema'

/** Builds the drizzle client once per request. */
export const db = createMiddleware<AppEnv>(async (c, next) => {
  c.set('db', drizzle(c.env.DB, { schema, casing: 'snake_case' }))
  await next()
})
