import type { Site } from './types'

/**
 * HubSpot contact records (US and EU data centres). Test URLs:
 * https://app.hubspot.com/contacts/1234567/record/0-1/51 · https://app-eu1.hubspot.com/contacts/26/contact/901
 */
export const hubspot: Site = {
  id: 'hubspot',
  name: 'HubSpot',
  matches: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'],
  fallback: { path: /^\/contacts\/\d+\/(?:record|contact)\//, selector: 'a[href^="mailto:" i]' },
}
