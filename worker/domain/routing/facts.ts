import type { LeadFacts } from '../../../shared/schemas/criteria'
import type { leads } from '../../db/schema'

/**
 * The facts routing and SLA conditions read from a stored lead.
 * @example matchCondition(leadFacts(row), { op: 'equals', field: 'company.country', value: 'DE' })
 */
export const leadFacts = (lead: typeof leads.$inferSelect): LeadFacts => ({
  email: lead.email,
  firstName: lead.firstName,
  lastName: lead.lastName,
  title: lead.title,
  phone: lead.phone,
  linkedinUrl: lead.linkedinUrl,
  company: { name: lead.companyName, domain: lead.companyDomain, industry: lead.industry, employees: lead.employees, country: lead.country },
  source: lead.source,
  campaign: lead.campaign,
  message: lead.message,
  fields: (lead.fields ?? {}) as LeadFacts['fields'],
})

/** The company domain of a lead: the given one, else the email's domain. */
export const leadDomain = (lead: Pick<typeof leads.$inferSelect, 'companyDomain' | 'email'>) =>
  (lead.companyDomain ?? lead.email.split('@')[1] ?? '').toLowerCase() || null
