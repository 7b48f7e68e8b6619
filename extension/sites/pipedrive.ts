import type { Site } from './types'

/**
 * Pipedrive person pages. Test URLs: https://acme.pipedrive.com/person/42 · https://acme.pipedrive.com/person/42/activities
 */
export const pipedrive: Site = {
  id: 'pipedrive',
  name: 'Pipedrive',
  matches: ['https://*.pipedrive.com/*'],
  fallback: { path: /^\/person\/[^/]+/, selector: 'a[href^="mailto:" i]' },
}
