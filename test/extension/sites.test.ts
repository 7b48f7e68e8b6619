import { describe, expect, it } from 'vitest'
import { identifyPage } from '../../shared/urls/page'
import { reasonsFor } from '../../extension/lib/disqualify-reasons'
import { DEFAULT_CRITERIA } from '../../shared/default-criteria'
import { identify, identifyFromUrl, matches, siteForUrl } from '../../extension/sites'

const page = (html: string) => {
  const doc = document.implementation.createHTMLDocument('fixture')
  doc.body.innerHTML = html
  return doc
}
const empty = page('')

describe('page detection over real URL shapes', () => {
  it.each([
    ['https://www.linkedin.com/in/jane-doe/', { site: 'linkedin', lookup: { linkedin: 'jane-doe' } }],
    [
      'https://www.linkedin.com/in/jane-doe/details/experience/?trk=x',
      { site: 'linkedin', lookup: { linkedin: 'jane-doe' } },
    ],
    ['https://de.linkedin.com/in/jane-doe', { site: 'linkedin', lookup: { linkedin: 'jane-doe' } }],
    [
      'https://acme.lightning.force.com/lightning/r/Lead/00Q5e00000AbCdEEAV/view',
      { site: 'salesforce', lookup: { crm: 'salesforce:00Q5e00000AbCdEEAV' } },
    ],
    ['https://acme.lightning.force.com/lightning/r/Contact/0035e00000XyZ12AAB/view', { site: 'salesforce' }],
    ['https://app.hubspot.com/contacts/1234567/record/0-1/51', { site: 'hubspot', lookup: { crm: 'hubspot:51' } }],
    ['https://app-eu1.hubspot.com/contacts/26/contact/901', { site: 'hubspot', lookup: { crm: 'hubspot:901' } }],
    ['https://acme.pipedrive.com/person/42', { site: 'pipedrive', lookup: { crm: 'pipedrive:42' } }],
  ])('%s is a lead page', (url, expected) => {
    expect(identify(url, empty)).toMatchObject(expected)
  })

  it.each([
    'https://www.linkedin.com/feed/',
    'https://www.linkedin.com/company/acme/',
    'https://www.linkedin.com/jobs/view/123',
    'https://acme.lightning.force.com/lightning/o/Lead/list',
    'https://acme.lightning.force.com/lightning/r/Account/0015e00000AbCdEAAV/view',
    'https://app.hubspot.com/contacts/1234567/objects/0-1/views/all/list',
    'https://app.hubspot.com/reports-dashboard/1234567',
    'https://acme.pipedrive.com/deals/list',
    'https://example.com/in/jane-doe',
    'https://linkedin.com.evil.example/in/jane-doe',
    'https://evil-pipedrive.com/person/42',
  ])('%s is not a lead page', (url) => {
    expect(identify(url, empty)).toBeNull()
  })

  it('equals the shared identifyPage on every URL it recognises', () => {
    for (const url of [
      'https://www.linkedin.com/in/jane-doe/',
      'https://acme.lightning.force.com/lightning/r/Lead/00Q5e00000AbCdE/view',
      'https://app.hubspot.com/contacts/1/record/0-1/51',
      'https://acme.pipedrive.com/person/42',
      'https://example.com/',
      'javascript:alert(1)',
    ]) {
      expect(identifyFromUrl(url)).toEqual(identifyPage(url))
    }
  })

  it('falls back to the single mailto link on a record page the URL does not name', () => {
    const url = 'https://acme.lightning.force.com/lightning/r/Person__c/a015e00000AbCdEAAV/view'
    expect(identify(url, page('<a href="mailto:Jane@Example.com?subject=hi">Jane</a>'))).toEqual({
      site: 'salesforce',
      lookup: { email: 'jane@example.com' },
    })
    // Two different people linked: nobody is named.
    expect(identify(url, page('<a href="mailto:a@x.com">a</a><a href="mailto:b@x.com">b</a>'))).toBeNull()
    // The same mailto on a list page is ignored.
    expect(
      identify('https://acme.lightning.force.com/lightning/o/Lead/list', page('<a href="mailto:a@x.com">a</a>')),
    ).toBeNull()
  })

  it('derives content-script matches from the site files, https only', () => {
    expect(matches).toEqual(
      expect.arrayContaining([
        'https://*.linkedin.com/*',
        'https://*.lightning.force.com/*',
        'https://*.my.salesforce.com/*',
        'https://app.hubspot.com/*',
        'https://app-eu1.hubspot.com/*',
        'https://*.pipedrive.com/*',
      ]),
    )
    expect(matches.every((m) => m.startsWith('https://'))).toBe(true)
    expect(siteForUrl('https://www.google.com/')).toBeNull()
  })

  it('offers the brief’s own disqualification reasons, else the default criteria’s', () => {
    expect(reasonsFor({ disqualificationReasons: ['Too small', 'Student'] })).toEqual(['Too small', 'Student'])
    expect(reasonsFor({})).toEqual(DEFAULT_CRITERIA.disqualificationReasons)
    expect(reasonsFor({ disqualificationReasons: [] })).toEqual(DEFAULT_CRITERIA.disqualificationReasons)
    expect(reasonsFor({ disqualificationReasons: ['ok', 42] })).toEqual(DEFAULT_CRITERIA.disqualificationReasons)
    // The fallback is a copy: a caller that edits it cannot change what the next lead offers.
    reasonsFor({}).push('mutated')
    expect(reasonsFor({})).not.toContain('mutated')
  })
})
