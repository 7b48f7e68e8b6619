/**
 * How the systems Handoff hears from are named to people (journey lines, error messages).
 * @module
 */
const NAMES: Record<string, string> = {
  hubspot: 'HubSpot',
  pipedrive: 'Pipedrive',
  salesforce: 'Salesforce',
  typeform: 'Typeform',
  calendly: 'Calendly',
}

/**
 * The display name of a system id, or the id itself.
 * @example systemName('hubspot') // 'HubSpot'
 */
export const systemName = (id: string) => NAMES[id] ?? id
