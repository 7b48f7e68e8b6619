/**
 * Lookup answers kept for a short time, keyed by identity, so moving around a record page (or
 * LinkedIn's in-page navigation back and forth) does not refetch.
 * @module
 */
export const LOOKUP_TTL_MS = 60_000

/**
 * @example
 * const cache = createLookupCache<LookupResult>(Date.now)
 * cache.get(key) ?? cache.set(key, await fetchIt())
 */
export const createLookupCache = <T>(now: () => number, ttlMs = LOOKUP_TTL_MS) => {
  const entries = new Map<string, { at: number; value: T }>()
  return {
    get(key: string): T | undefined {
      const hit = entries.get(key)
      if (!hit) return undefined
      if (now() - hit.at > ttlMs) {
        entries.delete(key)
        return undefined
      }
      return hit.value
    },
    set(key: string, value: T): T {
      if (entries.size > 200) entries.clear()
      entries.set(key, { at: now(), value })
      return value
    },
    clear(): void {
      entries.clear()
    },
  }
}
