import { describe, expect, it } from 'vitest'
import { crmRecordFromUrl, normalizeSalesforceId, parseCrmRef } from '../../shared/urls'

/**
 * Independent checksum, written differently from the implementation: per 5-char chunk, build the
 * binary string of "is upper case" flags read right to left and parse it as base 2.
 */
const expectedSuffix = (id15: string): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'
  return [0, 5, 10]
    .map((i) =>
      id15
        .slice(i, i + 5)
        .split('')
        .reverse()
        .map((c) => (c >= 'A' && c <= 'Z' ? '1' : '0'))
        .join(''),
    )
    .map((bits) => alphabet.charAt(parseInt(bits, 2)))
    .join('')
}

describe('normalizeSalesforceId', () => {
  it.each([
    // Published examples (Salesforce documentation and knowledge articles).
    ['0015000000VALDt', '0015000000VALDtAAP'],
    ['001D000000IqhSL', '001D000000IqhSLIAZ'],
  ])('published pair %s → %s', (id15, id18) => {
    expect(expectedSuffix(id15)).toBe(id18.slice(15))
    expect(normalizeSalesforceId(id15)).toBe(id18)
    expect(normalizeSalesforceId(id18)).toBe(id18)
  })

  it.each([
    '00Q5e00000AbCdE',
    '00Q5e00000abcde',
    '003AAAAAAAAAAAA',
    '003000000000000',
    '00QZZZZZzzzzzZz',
    'a0B1c2D3e4F5g6H',
  ])('15 → 18 for %s matches the independent checksum, and all spellings of the 18 agree', (id15) => {
    const id18 = id15 + expectedSuffix(id15)
    expect(normalizeSalesforceId(id15)).toBe(id18)
    expect(normalizeSalesforceId(id18)).toBe(id18)
    // 18-character ids are case-insensitive: case is restored from the suffix.
    expect(normalizeSalesforceId(id18.toLowerCase())).toBe(id18)
    expect(normalizeSalesforceId(id18.toUpperCase())).toBe(id18)
    expect(normalizeSalesforceId(` ${id15} `)).toBe(id18)
  })

  it('treats 15-character ids as case-sensitive (different records)', () => {
    expect(normalizeSalesforceId('00Q5e00000AbCdE')).not.toBe(normalizeSalesforceId('00Q5e00000abcde'))
  })

  it.each([
    [''],
    ['00Q5e00000AbCd'],
    ['00Q5e00000AbCdE1'],
    ['00Q5e00000AbCdEEA'],
    ['00Q5e00000AbCdE-AV'],
    ['00Q5e00000AbCdE EAV'],
    ['00Q5e00000AbCdE!AV'],
    // Suffix marks digit positions as upper case: corrupt.
    ['000000000000000ZZZ'],
    ['00Q5e00000AbCdE6AV'],
    ['00Q5e00000AbCdEEAVX'],
  ])('rejects %j', (id) => {
    expect(normalizeSalesforceId(id)).toBeNull()
  })
})

describe('parseCrmRef', () => {
  it.each([
    ['salesforce:0015000000VALDt', { system: 'salesforce', id: '0015000000VALDtAAP' }],
    ['salesforce:0015000000VALDtAAP', { system: 'salesforce', id: '0015000000VALDtAAP' }],
    ['salesforce:0015000000valdtaap', { system: 'salesforce', id: '0015000000VALDtAAP' }],
    ['Salesforce: 0015000000VALDt ', { system: 'salesforce', id: '0015000000VALDtAAP' }],
    ['hubspot:123', { system: 'hubspot', id: '123' }],
    ['hubspot:00123', { system: 'hubspot', id: '123' }],
    ['HUBSPOT:51', { system: 'hubspot', id: '51' }],
    ['pipedrive:42', { system: 'pipedrive', id: '42' }],
    [
      'https://acme.lightning.force.com/lightning/r/Lead/0015000000VALDt/view',
      { system: 'salesforce', id: '0015000000VALDtAAP' },
    ],
    ['https://app.hubspot.com/contacts/9876/record/0-1/555', { system: 'hubspot', id: '555' }],
  ])('%s', (input, want) => {
    expect(parseCrmRef(input)).toEqual(want)
  })

  it.each([
    ['salesforce:abc'],
    ['salesforce:'],
    ['hubspot:12a'],
    ['hubspot:-5'],
    ['hubspot:0'],
    ['hubspot:1.5'],
    ['pipedrive:'],
    ['pipedrive:1 2'],
    ['zoho:123'],
    ['123'],
    [':123'],
    [''],
    ['https://evil.example/contacts/1/contact/2'],
  ])('rejects %j', (input) => {
    expect(parseCrmRef(input)).toBeNull()
  })
})

describe('crmRecordFromUrl', () => {
  const lead15 = '00Q5e00000AbCdE'
  const lead18 = lead15 + expectedSuffix(lead15)
  const contact15 = '0035e00000XyZaB'
  const contact18 = contact15 + expectedSuffix(contact15)

  it.each([
    [`https://acme.lightning.force.com/lightning/r/Lead/${lead15}/view`, 'salesforce', lead18, 'lead'],
    [`https://acme.lightning.force.com/lightning/r/Lead/${lead18}/view`, 'salesforce', lead18, 'lead'],
    [
      `https://acme.lightning.force.com/lightning/r/Lead/${lead18}/view?ws=%2Flightning%2Fr`,
      'salesforce',
      lead18,
      'lead',
    ],
    [`https://acme.lightning.force.com/lightning/r/Contact/${contact18}/view`, 'salesforce', contact18, 'contact'],
    [
      `https://acme.lightning.force.com/lightning/r/Contact/${contact18}/related/Cases/view`,
      'salesforce',
      contact18,
      'contact',
    ],
    [`https://acme--uat.sandbox.lightning.force.com/lightning/r/Lead/${lead18}/view`, 'salesforce', lead18, 'lead'],
    [`https://acme.lightning.force.com/lightning/r/${lead18}/view`, 'salesforce', lead18, 'lead'],
    [`https://acme.lightning.force.com/lightning/r/${contact15}/view`, 'salesforce', contact18, 'contact'],
    [`https://acme.my.salesforce.com/${lead15}`, 'salesforce', lead18, 'lead'],
    [`https://acme.my.salesforce.com/${contact15}/e`, 'salesforce', contact18, 'contact'],
    [`https://na123.salesforce.com/${lead15}?retURL=%2Fhome`, 'salesforce', lead18, 'lead'],
    [`https://acme.my.salesforce.com/one/one.app#/sObject/${lead18}/view`, 'salesforce', lead18, 'lead'],
    ['https://app.hubspot.com/contacts/9876543/contact/1234567', 'hubspot', '1234567', 'contact'],
    ['https://app.hubspot.com/contacts/9876543/contact/1234567/?interaction=note', 'hubspot', '1234567', 'contact'],
    ['https://app.hubspot.com/contacts/9876543/record/0-1/1234567', 'hubspot', '1234567', 'contact'],
    ['https://app.hubspot.com/contacts/9876543/record/0-1/1234567/view/1', 'hubspot', '1234567', 'contact'],
    ['https://app-eu1.hubspot.com/contacts/25000000/record/0-1/98765', 'hubspot', '98765', 'contact'],
    ['https://acme.pipedrive.com/person/42', 'pipedrive', '42', 'person'],
    ['https://acme-gmbh.pipedrive.com/person/42/', 'pipedrive', '42', 'person'],
    ['https://acme.pipedrive.com/person/42#tab=activities', 'pipedrive', '42', 'person'],
  ] as const)('%s', (url, system, id, kind) => {
    expect(crmRecordFromUrl(url)).toEqual({ system, id, kind })
  })

  it.each([
    // Look-alike hosts.
    [`https://acme.lightning.force.com.evil.example/lightning/r/Lead/${lead18}/view`],
    [`https://evilforce.com/lightning/r/Lead/${lead18}/view`],
    [`https://force.com/lightning/r/Lead/${lead18}/view`],
    [`https://acme.lightning-force.com/lightning/r/Lead/${lead18}/view`],
    [`https://salesforce.com.evil.example/${lead15}`],
    [`https://evil.example/acme.my.salesforce.com/${lead15}`],
    [`https://acme.my.salesforce.com@evil.example/${lead15}`],
    ['https://app.hubspot.com.evil.example/contacts/1/contact/2'],
    ['https://app.evilhubspot.com/contacts/1/contact/2'],
    ['https://evil.app.hubspot.com/contacts/1/contact/2'],
    ['https://acme.pipedrive.com.evil.example/person/42'],
    ['https://a.b.pipedrive.com/person/42'],
    ['https://evilpipedrive.com/person/42'],
    // Not a person record, or not https.
    [`https://acme.lightning.force.com/lightning/r/Account/0015000000VALDtAAP/view`],
    [`https://acme.lightning.force.com/lightning/r/0015000000VALDtAAP/view`],
    [`https://acme.lightning.force.com/lightning/o/Lead/list`],
    [`https://acme.lightning.force.com/lightning/page/home`],
    [`https://acme.my.salesforce.com/home/home.jsp`],
    [`http://acme.lightning.force.com/lightning/r/Lead/${lead18}/view`],
    [`https://acme.lightning.force.com:8443/lightning/r/Lead/${lead18}/view`],
    ['https://app.hubspot.com/contacts/9876/record/0-2/123'],
    ['https://app.hubspot.com/contacts/9876/company/123'],
    ['https://app.hubspot.com/contacts/9876/objects/0-1/views/all/list'],
    ['https://app.hubspot.com/contacts/abc/contact/1'],
    ['https://acme.pipedrive.com/deal/42'],
    ['https://acme.pipedrive.com/person/abc'],
    ['https://acme.pipedrive.com/persons/list'],
    ['not a url'],
    [''],
  ])('%s → null', (url) => {
    expect(crmRecordFromUrl(url)).toBeNull()
  })
})
