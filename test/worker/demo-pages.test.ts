/**
 * The demo's LinkedIn-shaped pages (`/demo/linkedin/:slug`): served only in demo mode, escaped, and showing
 * what a public profile shows, never the lead's email, phone or score.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { app } from '../../worker/app'
import { api } from './helpers'

const DEMO = { ...env, DEMO_MODE: 'true' }

describe('GET /demo/linkedin/:slug', () => {
  it('shows the profile of the lead with that slug, escaped, in demo mode only', async () => {
    const res = await api('/v1/leads', {
      json: {
        email: 'mallory.demo@evil.example',
        firstName: '<img src=x onerror=alert(1)>',
        lastName: 'Ng',
        title: 'VP "Growth" & <b>Ops</b>',
        phone: '+1 415 555 0100',
        company: { name: 'Evil Corp', industry: 'Software', country: 'US' },
        linkedinUrl: 'https://www.linkedin.com/in/Mallory-Ng-Demo/',
      },
    })
    expect(res.status).toBe(201)

    expect((await api('/demo/linkedin/mallory-ng-demo', { token: null })).status).toBe(404)

    const page = await app.request('/demo/linkedin/mallory-ng-demo', {}, DEMO)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    const text = await page.text()
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt; Ng')
    expect(text).not.toContain('<img')
    expect(text).toContain('VP &quot;Growth&quot; &amp; &lt;b&gt;Ops&lt;/b&gt; at Evil Corp')
    expect(text).not.toContain('mallory.demo@evil.example')
    expect(text).not.toContain('555 0100')

    expect((await app.request('/demo/linkedin/nobody-here', {}, DEMO)).status).toBe(404)
  })
})
