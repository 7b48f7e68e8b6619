import { describe, expect, it } from 'vitest'
import { leadIdFromOpenUrl } from '../../extension/lib/open-lead-url'

describe('alert links to /open/leads/<id>', () => {
  const server = 'https://handoff.acme.io'

  it('names the lead of its own server only', () => {
    expect(leadIdFromOpenUrl('https://handoff.acme.io/open/leads/lead_01a2', server)).toBe('lead_01a2')
    expect(leadIdFromOpenUrl('https://handoff.acme.io/open/leads/lead_01a2/?utm=slack', server)).toBe('lead_01a2')
    expect(leadIdFromOpenUrl('https://evil.example/open/leads/lead_01a2', server)).toBeNull()
    expect(leadIdFromOpenUrl('http://handoff.acme.io/open/leads/lead_01a2', server)).toBeNull()
    expect(leadIdFromOpenUrl('https://handoff.acme.io.evil.example/open/leads/x', server)).toBeNull()
  })

  it('refuses other paths and ids that are not plain', () => {
    expect(leadIdFromOpenUrl('https://handoff.acme.io/v1/leads/lead_1', server)).toBeNull()
    expect(leadIdFromOpenUrl('https://handoff.acme.io/open/leads/lead%22%3E', server)).toBeNull()
    expect(leadIdFromOpenUrl('https://handoff.acme.io/open/leads/a/b', server)).toBeNull()
    expect(leadIdFromOpenUrl(`https://handoff.acme.io/open/leads/${'x'.repeat(101)}`, server)).toBeNull()
    expect(leadIdFromOpenUrl('not a url', server)).toBeNull()
    expect(leadIdFromOpenUrl('https://handoff.acme.io/open/leads/lead_1', '')).toBeNull()
  })

  it('keeps a server mounted under a path prefix', () => {
    expect(leadIdFromOpenUrl('https://acme.io/handoff/open/leads/lead_7', 'https://acme.io/handoff/')).toBe('lead_7')
    expect(leadIdFromOpenUrl('https://acme.io/open/leads/lead_7', 'https://acme.io/handoff')).toBeNull()
  })
})
