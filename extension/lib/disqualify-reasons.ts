import { DEFAULT_DISQUALIFICATION_REASONS } from '../../shared/disqualification-reasons'

/**
 * Reasons a rep can pick when disqualifying from the overlay. The criteria's own list
 * (`disqualificationReasons`) is behind the admin-only `GET /v1/admin/criteria`, which a rep token
 * cannot read, and the brief does not carry it; so the overlay offers this fixed list, which equals the
 * default criteria's reasons (`shared/disqualification-reasons.ts`, a plain list that keeps the
 * criteria schemas out of the content script). A server that sends `disqualificationReasons` on the brief wins.
 */
export const FALLBACK_DISQUALIFY_REASONS = DEFAULT_DISQUALIFICATION_REASONS

/**
 * @example reasonsFor(lead) // ['No budget', …]
 */
export const reasonsFor = (lead: object): string[] => {
  const own = (lead as { disqualificationReasons?: unknown }).disqualificationReasons
  if (Array.isArray(own) && own.length > 0 && own.every((r) => typeof r === 'string')) return own as string[]
  return [...FALLBACK_DISQUALIFY_REASONS]
}
