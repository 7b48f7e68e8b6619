/**
 * Order statistics for the benchmarks. Every figure in the table is a median over repeated runs; p99 is
 * reported only where there are enough samples for it to mean something.
 * @module
 */

/** Sorted copy (numbers ascending). */
const sorted = (xs) => [...xs].sort((a, b) => a - b)

/**
 * The q-quantile by nearest rank (no interpolation, so it is always a value that was measured).
 * @example quantile([3, 1, 2], 0.5) // 2
 */
export const quantile = (xs, q) => {
  if (xs.length === 0) return Number.NaN
  const s = sorted(xs)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]
}

/** @example median([4, 1, 3]) // 3 */
export const median = (xs) => quantile(xs, 0.5)

/** @example p99(times) */
export const p99 = (xs) => quantile(xs, 0.99)

/**
 * Wall-clock milliseconds of `fn` and its result.
 * @example const { ms, out } = await timed(() => fetch(url))
 */
export const timed = async (fn) => {
  const t0 = performance.now()
  const out = await fn()
  return { ms: performance.now() - t0, out }
}
