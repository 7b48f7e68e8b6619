/**
 * Between ISO instants (`2026-12-24T08:00:00.000Z`) and what `<input type="datetime-local">` shows and
 * gives (`2026-12-24T09:00`, the browser's own zone): the admin types local times, the API stores instants.
 * @module
 */

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * @example isoToLocalInput('2026-12-24T08:00:00Z') // '2026-12-24T09:00' in Berlin
 */
export const isoToLocalInput = (iso: string | null | undefined): string => {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/**
 * The instant of a local date-time, or the raw text when it is not one (so the schema reports it).
 * @example localInputToIso('2026-12-24T09:00') // '2026-12-24T08:00:00.000Z' in Berlin
 */
export const localInputToIso = (local: string): string => {
  const d = new Date(local)
  return Number.isNaN(d.getTime()) ? local : d.toISOString()
}

/**
 * A short local date and time for tables, or the given fallback.
 * @example shortDateTime('2026-12-24T08:00:00Z') // 'Dec 24, 09:00'
 */
export const shortDateTime = (iso: string | null | undefined, fallback = '—'): string => {
  if (!iso) return fallback
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return fallback
  return d.toLocaleString('en-US', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  })
}
