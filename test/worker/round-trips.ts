import { env } from 'cloudflare:test'
import { afterEach } from 'vitest'

const restore: Array<() => void> = []

/**
 * Counts D1 round trips: every statement executed on its own (`first`/`all`/`run`/`raw`) and every `batch`.
 * Patches the binding's prototypes for the duration of one measurement, so requests through the worker count too.
 */
export const countRoundTrips = async (fn: () => Promise<unknown>) => (await countD1(fn)).trips

/**
 * Counts D1 round trips (as `countRoundTrips`) and statements: what D1 counts against its queries per
 * invocation (one per statement run alone, each statement of a `batch`).
 * @example const { trips, statements } = await countD1(() => runCriteriaChunk(ctx, msg))
 */
export const countD1 = async (fn: () => Promise<unknown>) => {
  let trips = 0
  let statements = 0
  const stmtProto = Object.getPrototypeOf(env.DB.prepare('select 1')) as Record<string, (...a: unknown[]) => unknown>
  const dbProto = Object.getPrototypeOf(env.DB) as Record<string, (...a: unknown[]) => unknown>
  const patch = (proto: Record<string, (...a: unknown[]) => unknown>, name: string) => {
    const original = proto[name]!
    proto[name] = function (this: unknown, ...args: unknown[]) {
      trips++
      statements += name === 'batch' ? (args[0] as unknown[]).length : 1
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
  return { trips, statements }
}

afterEach(() => {
  while (restore.length) restore.pop()!()
})
