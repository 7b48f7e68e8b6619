/**
 * Dotted paths into the criteria draft (`fit.0.when.words`), the keys shared by the editor's fields,
 * the zod issues and the worker's 422 `issues[].path`.
 * @module
 */

/** A path as zod gives it (`['fit', 0, 'points']`). */
export type PathParts = ReadonlyArray<PropertyKey>

/**
 * Joins path parts into the contract's dotted form.
 * @example pathKey(['fit', 0, 'points']) // 'fit.0.points'
 */
export const pathKey = (parts: PathParts): string => parts.map(String).join('.')

/**
 * Returns a copy of `root` with the value at `path` replaced (arrays and objects copied along the path only).
 * @example setIn({ thresholds: { mql: 40, sql: 70 } }, ['thresholds', 'sql'], 60)
 */
export const setIn = <T>(root: T, path: ReadonlyArray<string | number>, value: unknown): T => {
  if (path.length === 0) return value as T
  const [head, ...rest] = path as [string | number, ...Array<string | number>]
  const node = root as unknown
  const child = node == null ? undefined : (node as Record<string | number, unknown>)[head]
  const next = setIn(child, rest, value)
  if (Array.isArray(node)) {
    const copy = node.slice()
    copy[head as number] = next
    return copy as T
  }
  return { ...(node as object), [head]: next } as T
}

/**
 * Moves one item of an array by `delta` (-1 up, +1 down); out-of-range moves return the array unchanged.
 * @example move(['a', 'b', 'c'], 2, -1) // ['a', 'c', 'b']
 */
export const move = <T>(items: readonly T[], index: number, delta: number): T[] => {
  const to = index + delta
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return items.slice()
  const copy = items.slice()
  const [item] = copy.splice(index, 1)
  copy.splice(to, 0, item as T)
  return copy
}
