import type { Site } from './types'

/**
 * LinkedIn profiles (`/in/<slug>`), identified by the URL alone; no page fallback, because LinkedIn
 * hides emails and its markup changes weekly. Test URLs:
 * https://www.linkedin.com/in/jane-doe/ · https://de.linkedin.com/in/jane-doe · https://www.linkedin.com/in/ACoAAB123/overlay/contact-info/
 */
export const linkedin: Site = {
  id: 'linkedin',
  name: 'LinkedIn',
  matches: ['https://linkedin.com/*', 'https://*.linkedin.com/*'],
}
