import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env'
import { dbFor } from '../db/client'

/** Sets `c.var.db`, the client built once per isolate (see `dbFor`). */
export const db = createMiddleware<AppEnv>(async (c, next) => {
  c.set('db', dbFor(c.env))
  await next()
})
