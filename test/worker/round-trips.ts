import { env } from 'cloudflare:test'
import { afterEach } from 'vitest'

/**
 * Counts D1 round trips: every statement executed on its own (`first`/`all`/`run`/`raw`) and every `batch`.
 * Patches the binding's prototypes for the duration of one measurement, so requests through the worker count too.
 */
const restore: Array<() => void> = []
export const countRoundTrips = async (fn: () => Promise<unknown>) => {
  let trips = 0
  const stmtProto = Object.getPrototypeOf(env.DB.prepare('select 1')) as Record<string, (...a: unknown[]) => unknown>
  const dbProto = Object.getPrototypeOf(env.DB) as Record<string, (...a: unknown[]) => unknown>
  const patch = (proto: Record<string, (...a: unknown[]) => unknown>, name: string) => {
    const original = proto[name]!
    proto[name] = function (this: unknown, ...args: unknown[]) {
      trips++
      return original.apply(this, args)
    }
    restore.push(() => (proto[name] = original))
  }
  for (const m of ['first', 'all', 'run', 'raw']) patch(stmtProto, m)
  patch(dbProto, 'batch')
  try {
    await fn()
  } finally {
    while (restore.length) restore.pop()!()
  }
  return trips
}

afterEach(() => {
  while (restore.length) restore.pop()!()
})
