/**
 * Actions a rep can take back: a touch or an outcome sent with an `actionId` waits {@link UNDO_MS} in the
 * background (which outlives the page, so a navigation right after the click loses nothing) and goes to the
 * server only if not undone by then. Nothing is written that must later be reverted.
 * @module
 */

/** How long a click can be undone. */
export const UNDO_MS = 5000

type Timers = { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void }

/**
 * @example
 * const pending = createPendingActions()
 * const result = await pending.later('act_1', () => send()) // null when undone within UNDO_MS
 * pending.undo('act_1') // true while it still waits
 */
export const createPendingActions = (
  timers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as number) },
) => {
  const waiting = new Map<string, { handle: unknown; cancel(): void }>()
  return {
    /** Runs `run` after the undo window unless {@link undo} is called first; resolves null when undone. */
    later<T>(id: string, run: () => Promise<T>): Promise<T | null> {
      return new Promise<T | null>((resolve, reject) => {
        const handle = timers.set(() => {
          waiting.delete(id)
          run().then(resolve, reject)
        }, UNDO_MS)
        waiting.set(id, { handle, cancel: () => resolve(null) })
      })
    },
    /** Cancels a waiting action; false when it already went (or never existed). */
    undo(id: string): boolean {
      const w = waiting.get(id)
      if (!w) return false
      timers.clear(w.handle)
      waiting.delete(id)
      w.cancel()
      return true
    },
  }
}
export type PendingActions = ReturnType<typeof createPendingActions>
