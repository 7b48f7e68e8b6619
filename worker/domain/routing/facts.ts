import type { leads } from '../../db/schema'

/**
 * The facts routing and SLA conditions read from a stored lead: the same facts `score()` reads.
 * @example matchCondition(leadFacts(row), { op: 'equals', field: 'company.country', value: 'DE' })
 */
export { leadFacts } from '../../db/queries/leads'

/** The company domain of a lead: the given one, else the email's domain. */
export const leadDomain = (lead: Pick<typeof leads.$inferSelect, 'companyDomain' | 'email'>) =>
  (lead.companyDomain ?? lead.email.split('@')[1] ?? '').toLowerCase() || null
