/** Most values bound in one `IN (…)` list (D1 allows 100 parameters per statement). */
export const IN_CHUNK = 90

/**
 * Splits a list into pieces of at most `size`.
 * @example chunk([1, 2, 3], 2) // [[1, 2], [3]]
 */
export const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
