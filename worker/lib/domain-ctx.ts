import type { Context } from 'hono'
import type { AppEnv } from '../app-env'
import type { DomainCtx } from '../domain/context'

/**
 * The domain context of a request: its clock, background work and the caller's name as actor.
 * @example const ctx = domainCtx(c)
 */
export const domainCtx = (c: Context<AppEnv>): DomainCtx => {
  let waitUntil: DomainCtx['waitUntil']
  try {
    const ec = c.executionCtx
    waitUntil = (p) => ec.waitUntil(p)
  } catch {
    waitUntil = undefined
  }
  const principal = c.var.principal
  return {
    db: c.var.db,
    env: c.env,
    now: Date.now(),
    waitUntil,
    actor: principal?.name,
    salesActivity: principal?.role !== 'intake',
  }
}
