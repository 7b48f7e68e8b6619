/**
 * When a failed alert is tried again: exponential backoff with equal jitter, pushed later by a receiver's
 * `Retry-After` (429 and 503), up to a cap.
 * @module
 */

/** Attempts before an alert is left `failed` for an admin to retry. */
export const MAX_ATTEMPTS = 6
/** The longest `Retry-After` honoured: a receiver cannot park an alert for days. */
export const RETRY_AFTER_CAP_MS = 6 * 60 * 60_000
const STEP_MS = 60_000

/**
 * Backoff after the n-th failed attempt (1-based): between half and all of 1, 2, 4, 8, 16 minutes (equal
 * jitter), so alerts that failed together (one receiver down) do not all come back in the same tick.
 * `random` returns [0, 1) like `Math.random`; 0 gives the full step.
 * @example backoffMs(3, () => 0) // 240_000
 * @example backoffMs(3, () => 0.5) // 180_000
 */
export const backoffMs = (attempts: number, random: () => number) => {
  const step = 2 ** Math.max(0, attempts - 1) * STEP_MS
  return Math.round(step * (1 - random() / 2))
}

/**
 * A `Retry-After` value in milliseconds from `reference` (the response's `Date`, else our clock): delta seconds
 * or an HTTP-date; null when absent or unreadable.
 * @example parseRetryAfter('3600', 0) // 3_600_000
 * @example parseRetryAfter('Thu, 01 Jan 1970 00:02:00 GMT', 60_000) // 60_000
 */
export const parseRetryAfter = (value: string | null, reference: number) => {
  const v = value?.trim()
  if (!v) return null
  if (/^\d+$/.test(v)) return Number(v) * 1000
  const at = Date.parse(v)
  return Number.isNaN(at) ? null : Math.max(0, at - reference)
}

/**
 * The wait before the next attempt: the jittered backoff, or the receiver's `Retry-After` when later (capped).
 * @example retryDelayMs(1, Math.random, 3_600_000) // 3_600_000
 */
export const retryDelayMs = (attempts: number, random: () => number, retryAfterMs: number | null) =>
  Math.max(backoffMs(attempts, random), Math.min(retryAfterMs ?? 0, RETRY_AFTER_CAP_MS))
