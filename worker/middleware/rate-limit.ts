/**
 * Rate limits on Cloudflare's Rate Limiting binding, so they hold across worker instances (never an
 * in-memory map). Over a limit: 429 with `Retry-After` and the contract's `rate_limited` error.
 * Limits and periods live in wrangler.toml; the README's security section lists them.
 * @module
 */
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env'
import { ApiError } from '../errors'

/** Every limiter in wrangler.toml counts per 60-second window. */
const PERIOD_SECONDS = 60

/** The client's address as Cloudflare reports it (absent locally: then all local callers share one key). */
export const clientIp = (c: Context<AppEnv>) => c.req.header('CF-Connecting-IP') ?? 'unknown'

export const rateLimited = () =>
  new ApiError(429, 'rate_limited', `Too many requests; retry in ${PERIOD_SECONDS} s`, undefined, {
    'Retry-After': String(PERIOD_SECONDS),
  })

/**
 * Counts one request against `limiter` under `key`; throws 429 when over the limit.
 * @example await spend(c.env.FORM_LIMITER, `${sourceKey}:${clientIp(c)}`)
 */
export const spend = async (limiter: RateLimit | undefined, key: string) => {
  if (!limiter) return
  const { success } = await limiter.limit({ key })
  if (!success) throw rateLimited()
}

/** Intake per token: applies to `intake` tokens (marketing sources), after `requireRole`. */
export const intakeRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const p = c.var.principal
  if (p?.role === 'intake' && p.tokenId) await spend(c.env.INTAKE_LIMITER, `token:${p.tokenId}`)
  await next()
})

/** The public form per source and client IP. */
export const formRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  await spend(c.env.FORM_LIMITER, `form:${c.req.param('sourceKey') ?? ''}:${clientIp(c)}`)
  await next()
})
