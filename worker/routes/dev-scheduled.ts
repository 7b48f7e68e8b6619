/**
 * `GET|POST /__scheduled?cron=…&time=<epoch ms>`: runs the cron tick as of `time`, for local runs only
 * (`LOCAL_SCHEDULED = "true"`, set by `npm start`; absent in production, where this answers 404).
 *
 * Why the worker serves this itself: `wrangler dev --test-scheduled` intercepts the same path before the
 * worker and, in wrangler 4.16x, drops `time` (it dispatches with `Date.now()`), so the contract's
 * "check SLA clocks as of that time" could not be honoured through it.
 * @module
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env'
import { runTick } from '../cron'
import { ApiError } from '../errors'
import { validate } from '../middleware/validate'

const ScheduledQuery = z.object({
  cron: z.string().max(100).default('* * * * *'),
  time: z.coerce.number().int().min(0).max(8.64e15).optional(),
})

const run = validate('query', ScheduledQuery)

export const devScheduledRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    if (c.env.LOCAL_SCHEDULED !== 'true') throw new ApiError(404, 'not_found', 'No such route')
    await next()
  })
  .on(['GET', 'POST'], '/', run, async (c) => {
    const { cron, time } = c.req.valid('query')
    const now = time ?? Date.now()
    const pending: Promise<unknown>[] = []
    const result = await runTick({ db: c.var.db, env: c.env, now, waitUntil: (p) => pending.push(p) })
    // Local runs answer after delivery so a caller sees the alerts the tick produced.
    await Promise.allSettled(pending)
    return c.json({ ran: true, cron, now: new Date(now).toISOString(), ...result })
  })
