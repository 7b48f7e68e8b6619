/**
 * Reasons a rep can pick when disqualifying from the overlay. The criteria's own list
 * (`disqualificationReasons`) is behind the admin-only `GET /v1/admin/criteria`, which a rep token
 * cannot read, and the brief does not carry it; so the overlay offers this fixed list, which equals the
 * default criteria's reasons (`shared/default-criteria.ts`; a test keeps them equal; copied, not
 * imported, to keep the criteria schemas out of the content script). A server that sends `disqualificationReasons` on the brief wins.
 */
export const FALLBACK_DISQUALIFY_REASONS = [
  'student',
  'job seeker',
  'competitor',
  'no budget',
  'no authority',
  'bad data',
  'not a fit',
  'existing customer',
  'chose competitor',
  'timing',
  'personal email',
] as const

/**
 * @example reasonsFor(lead) // ['No budget', …]
 */
export const reasonsFor = (lead: object): string[] => {
  const own = (lead as { disqualificationReasons?: unknown }).disqualificationReasons
  if (Array.isArray(own) && own.length > 0 && own.every((r) => typeof r === 'string')) return own as string[]
  return [...FALLBACK_DISQUALIFY_REASONS]
}
