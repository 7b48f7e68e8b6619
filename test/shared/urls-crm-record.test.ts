/**
 * CRM record links from the org's CRM hosts, checked against the vendors' record-page formats
 * (Salesforce Lightning `/lightning/r/{object}/{id}/view`, HubSpot `/contacts/{Hub ID}/record/0-1/{id}`,
 * Pipedrive `https://{company}.pipedrive.com/person/{id}`) and read back by the extension's own page detection.
 */
import { describe, expect, it } from 'vitest'
import { CrmHosts } from '../../shared/schemas/crm-hosts'
import { crmRecordFromUrl, crmRecordUrl, firstCrmRecordUrl } from '../../shared/urls'

const NONE = CrmHosts.parse({})
const ALL = CrmHosts.parse({
  salesforceHost: 'https://Acme.my.salesforce.com/',
  hubspotPortalId: '2424242',
  pipedriveDomain: 'acme.pipedrive.com',
})

describe('crmRecordUrl', () => {
  it('builds each vendor’s documented record URL', () => {
    expect(crmRecordUrl({ system: 'salesforce', id: '00Q5e00000AbCdE' }, ALL)).toBe(
      'https://acme.my.salesforce.com/lightning/r/Lead/00Q5e00000AbCdEEAV/view',
    )
    expect(crmRecordUrl({ system: 'salesforce', id: '0035e00000XyZaBAAV' }, ALL)).toBe(
      'https://acme.my.salesforce.com/lightning/r/Contact/0035e00000XyZaBAAV/view',
    )
    expect(crmRecordUrl({ system: 'hubspot', id: '0051' }, ALL)).toBe(
      'https://app.hubspot.com/contacts/2424242/record/0-1/51',
    )
    expect(crmRecordUrl({ system: 'hubspot', id: '51' }, { ...ALL, hubspotHost: 'app-eu1.hubspot.com' })).toBe(
      'https://app-eu1.hubspot.com/contacts/2424242/record/0-1/51',
    )
    expect(crmRecordUrl({ system: 'pipedrive', id: '42' }, ALL)).toBe('https://acme.pipedrive.com/person/42')
  })

  it('round-trips through the extension’s page detection', () => {
    for (const [system, id] of [
      ['salesforce', '00Q5e00000AbCdEEAV'],
      ['salesforce', '0035e00000XyZaBAAV'],
      ['hubspot', '51'],
      ['pipedrive', '42'],
    ] as const) {
      const url = crmRecordUrl({ system, id }, ALL)!
      expect(crmRecordFromUrl(url)).toMatchObject({ system, id })
    }
  })

  it('gives no link without the host, or for an id that is not one', () => {
    expect(crmRecordUrl({ system: 'salesforce', id: '00Q5e00000AbCdE' }, NONE)).toBeNull()
    expect(crmRecordUrl({ system: 'hubspot', id: '51' }, NONE)).toBeNull()
    expect(crmRecordUrl({ system: 'pipedrive', id: '42' }, NONE)).toBeNull()
    expect(crmRecordUrl({ system: 'hubspot', id: '51/../../evil' }, ALL)).toBeNull()
    expect(crmRecordUrl({ system: 'salesforce', id: 'javascript:alert(1)' }, ALL)).toBeNull()
  })

  it('prefers Salesforce, then HubSpot, then Pipedrive, skipping systems without a host', () => {
    const refs = [
      { system: 'pipedrive', id: '42' },
      { system: 'hubspot', id: '51' },
      { system: 'salesforce', id: '00Q5e00000AbCdE' },
    ] as const
    expect(firstCrmRecordUrl(refs, ALL)?.system).toBe('salesforce')
    expect(firstCrmRecordUrl(refs, { ...ALL, salesforceHost: null })?.system).toBe('hubspot')
    expect(firstCrmRecordUrl(refs, { ...NONE, pipedriveDomain: 'acme' })).toEqual({
      system: 'pipedrive',
      url: 'https://acme.pipedrive.com/person/42',
    })
    expect(firstCrmRecordUrl(refs, NONE)).toBeNull()
  })
})

describe('CrmHosts', () => {
  it('accepts pasted URLs and refuses look-alike hosts', () => {
    expect(ALL).toMatchObject({ salesforceHost: 'acme.my.salesforce.com', pipedriveDomain: 'acme' })
    expect(CrmHosts.safeParse({ salesforceHost: 'salesforce.com.evil.example' }).success).toBe(false)
    expect(CrmHosts.safeParse({ hubspotHost: 'app.hubspot.com.evil.example' }).success).toBe(false)
    expect(CrmHosts.safeParse({ pipedriveDomain: 'a/b' }).success).toBe(false)
    expect(CrmHosts.safeParse({ hubspotPortalId: '12a' }).success).toBe(false)
  })
})
