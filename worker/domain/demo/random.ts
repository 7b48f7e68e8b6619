/**
 * A small seeded PRNG (mulberry32) and the helpers the demo generator draws with.
 * @module
 */

/**
 * Deterministic random numbers in [0, 1) from a 32-bit seed.
 * @example const rnd = mulberry32(42); rnd() // 0.6011…
 */
export const mulberry32 = (seed: number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type Random = ReturnType<typeof mulberry32>

/** Helpers over one random source. */
export const draw = (rnd: Random) => ({
  int: (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1)),
  pick: <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!,
  /** Picks by weight: [[value, weight], …]. */
  weighted: <T>(list: ReadonlyArray<readonly [T, number]>): T => {
    const total = list.reduce((s, [, w]) => s + w, 0)
    let r = rnd() * total
    for (const [v, w] of list) if ((r -= w) < 0) return v
    return list[list.length - 1]![0]
  },
  chance: (p: number) => rnd() < p,
  hex: (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join(''),
})
