/**
 * The reasons a rep picks from when disqualifying or marking a lead lost, as a new organisation starts.
 * A plain list with no imports, so the content script can carry it without the criteria schemas.
 * @example DEFAULT_DISQUALIFICATION_REASONS.includes('no budget') // true
 */
export const DEFAULT_DISQUALIFICATION_REASONS = [
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
