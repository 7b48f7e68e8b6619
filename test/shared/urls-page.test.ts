import { describe, expect, it } from 'vitest'
import { PageIdentity, identifyPage, lookupQueryString } from '../../shared/urls'

describe('identifyPage', () => {
  it.each([
    ['https://www.linkedin.com/in/jane-doe/', 'linkedin', { linkedin: 'jane-doe' }],
    [
      'https://de.linkedin.com/in/J%C3%BCrgen-M%C3%BCller/details/experience/',
      'linkedin',
      { linkedin: 'jürgen-müller' },
    ],
    [
      'https://acme.lightning.force.com/lightning/r/Lead/0015000000VALDt/view',
      'salesforce',
      { crm: 'salesforce:0015000000VALDtAAP' },
    ],
    ['https://app-eu1.hubspot.com/contacts/123/record/0-1/456', 'hubspot', { crm: 'hubspot:456' }],
    ['https://app.hubspot.com/contacts/123/contact/789', 'hubspot', { crm: 'hubspot:789' }],
    ['https://acme.pipedrive.com/person/42', 'pipedrive', { crm: 'pipedrive:42' }],
  ] as const)('%s', (url, site, lookup) => {
    const identity = identifyPage(url)
    expect(identity).toEqual({ site, lookup })
    expect(PageIdentity.parse(identity)).toEqual(identity)
  })

  it.each([
    ['https://www.linkedin.com/feed/'],
    ['https://www.linkedin.com/company/acme/'],
    ['https://www.linkedin.com/messaging/thread/2-abc/'],
    ['https://www.google.com/search?q=linkedin.com/in/jane-doe'],
    ['https://evil.example/?next=https://www.linkedin.com/in/jane-doe'],
    ['https://linkedin.com.evil.example/in/jane-doe'],
    ['https://acme.lightning.force.com/lightning/page/home'],
    ['https://app.hubspot.com/reports-dashboard/123'],
    ['https://acme.pipedrive.com/pipeline'],
    ['https://github.com/in/jane-doe'],
    ['about:blank'],
    ['chrome://extensions/'],
    ['file:///home/user/in/jane-doe'],
    ['www.linkedin.com/in/jane-doe'],
    ['jane-doe'],
    [''],
  ])('%s → null', (url) => {
    expect(identifyPage(url)).toBeNull()
  })
})

describe('lookupQueryString', () => {
  it('encodes values with URLSearchParams', () => {
    expect(lookupQueryString({ site: 'linkedin', lookup: { linkedin: 'jürgen-müller' } })).toBe(
      'linkedin=j%C3%BCrgen-m%C3%BCller',
    )
    expect(lookupQueryString({ site: 'salesforce', lookup: { crm: 'salesforce:0015000000VALDtAAP' } })).toBe(
      'crm=salesforce%3A0015000000VALDtAAP',
    )
    // A hostile value cannot add parameters.
    const q = lookupQueryString({ site: 'hubspot', lookup: { crm: 'hubspot:1&email=x@y.z#' } })
    expect([...new URLSearchParams(q).entries()]).toEqual([['crm', 'hubspot:1&email=x@y.z#']])
  })

  it('round-trips through the query a worker would read', () => {
    const identity = identifyPage('https://www.linkedin.com/in/%E6%9D%8E%E5%B0%8F%E9%BE%99-88/')!
    const params = new URL(`https://api.example/v1/leads/lookup?${lookupQueryString(identity)}`).searchParams
    expect(params.get('linkedin')).toBe('李小龙-88')
  })

  it('PageIdentity schema rejects malformed messages', () => {
    expect(PageIdentity.safeParse({ site: 'facebook', lookup: { linkedin: 'x' } }).success).toBe(false)
    expect(PageIdentity.safeParse({ site: 'linkedin', lookup: { linkedin: 'x', crm: 'y' } }).success).toBe(false)
    expect(PageIdentity.safeParse({ site: 'linkedin', lookup: {} }).success).toBe(false)
  })
})
