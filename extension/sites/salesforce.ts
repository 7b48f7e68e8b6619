import type { Site } from './types'

/**
 * Salesforce Lightning lead and contact records. Other Lightning record pages (person accounts, custom
 * objects) fall back to the record's single `mailto:` link. Test URLs:
 * https://acme.lightning.force.com/lightning/r/Lead/00Q5e00000AbCdEEAV/view ·
 * https://acme.lightning.force.com/lightning/r/Contact/0035e00000XyZ12AAB/view ·
 * https://acme.my.salesforce.com/00Q5e00000AbCdE
 */
export const salesforce: Site = {
  id: 'salesforce',
  name: 'Salesforce',
  matches: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
  fallback: { path: /^\/lightning\/r\/[^/]+\/[^/]+\/view/, selector: 'a[href^="mailto:" i]' },
}
