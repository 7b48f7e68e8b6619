/**
 * Only `http:` and `https:` URLs may become links or be opened: lead data is attacker-written, and a
 * `javascript:` or `data:` URL would run in the page or the extension.
 * @example safeHttpUrl('https://example.com/a') // 'https://example.com/a'
 * @example safeHttpUrl('javascript:alert(1)') // null
 */
export const safeHttpUrl = (raw: unknown): string | null => {
  if (typeof raw !== 'string' || raw.length > 4000) return null
  try {
    const url = new URL(raw.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}
