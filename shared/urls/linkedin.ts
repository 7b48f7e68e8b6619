/**
 * LinkedIn profile URLs → the profile's public slug ("vanity name"), the key a lead is looked up by.
 * Used by the worker (`GET /v1/leads/lookup?linkedin=`) and by the extension's page detection.
 * @module
 */

/**
 * Hosts LinkedIn serves profiles on: the apex, `www`, mobile (`m`, `mobile`, `touch`) and country or
 * language sub-domains (`de`, `uk`, `es`, `zh`, `fr-ca`…). Anything else, and any host that only
 * looks similar (`linkedin.com.evil.example`, `evil-linkedin.com`), is not LinkedIn.
 */
const isLinkedInHost = (host: string): boolean => {
  const h = host.endsWith('.') ? host.slice(0, -1) : host
  if (h === 'linkedin.com') return true
  const m = /^([a-z0-9-]+)\.linkedin\.com$/.exec(h)
  if (!m) return false
  const sub = m[1]!
  return ['www', 'm', 'mobile', 'touch'].includes(sub) || /^[a-z]{2}(?:-[a-z]{2})?$/.test(sub)
}

/**
 * A public profile slug: 3–100 letters (any script), digits, hyphens or underscores (LinkedIn's own
 * rule for custom URLs, plus the auto-generated `ACoAA…` member ids some links carry).
 */
const SLUG = /^[\p{L}\p{M}\p{N}_-]{3,100}$/u

const normalizeSlug = (raw: string): string | null => {
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    return null
  }
  const slug = decoded.normalize('NFC').toLowerCase()
  return SLUG.test(slug) ? slug : null
}

/**
 * The normalised slug (lower case, NFC, decoded) of a LinkedIn profile URL in any real form, or of a
 * bare slug; null for anything that is not a person's profile.
 *
 * Accepted: http/https or no scheme; apex, `www.`, `m.`/`mobile.`, country sub-domains; trailing slash,
 * query and hash; locale segments (`/in/jane-doe/de`, `?locale=de_DE`); sub-pages (`/details/…`,
 * `/recent-activity/…`, `/overlay/…`, `/edit/…`); the LinkedIn Lite prefix `/mwlite/in/…`;
 * percent-encoded or raw Unicode slugs.
 *
 * Legacy `/pub/name/a/b/c` URLs return null: LinkedIn redirects them to an `/in/` slug that cannot be
 * derived reliably from the URL alone, and a wrong guess would match the wrong lead. Companies, jobs,
 * feed, Sales Navigator (`/sales/…`, `/talent/…`) and `lnkd.in` short links are null as well.
 * @example
 * linkedInSlug('https://de.linkedin.com/in/J%C3%BCrgen-M%C3%BCller-12ab34/details/experience/?locale=de_DE')
 * // 'jürgen-müller-12ab34'
 */
export const linkedInSlug = (input: string): string | null => {
  if (typeof input !== 'string') return null
  const text = input.trim()
  if (text.length === 0 || text.length > 2000) return null
  // A bare slug has no scheme, host or path separators.
  if (!/[/.:]/.test(text)) return normalizeSlug(text.startsWith('@') ? text.slice(1) : text)

  let url: URL
  try {
    url = new URL(
      /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : text.startsWith('//') ? `https:${text}` : `https://${text}`,
    )
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  if (url.port !== '' || url.username !== '' || url.password !== '') return null
  if (!isLinkedInHost(url.hostname)) return null

  const segments = url.pathname.split('/').filter((s) => s.length > 0)
  if (segments[0]?.toLowerCase() === 'mwlite') segments.shift()
  if (segments[0]?.toLowerCase() !== 'in' || segments[1] === undefined) return null
  return normalizeSlug(segments[1])
}

/**
 * Canonical profile URL of a slug (or of any URL {@link linkedInSlug} accepts). Throws on input that
 * is not a profile, so a bad value never becomes a link.
 * @example
 * linkedInProfileUrl('jürgen-müller-12ab34')
 * // 'https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-12ab34/'
 */
export const linkedInProfileUrl = (slugOrUrl: string): string => {
  const slug = linkedInSlug(slugOrUrl)
  if (slug === null) throw new TypeError('Not a LinkedIn profile slug or URL')
  return `https://www.linkedin.com/in/${encodeURIComponent(slug)}/`
}
