import type { Site } from './types'

/**
 * The LinkedIn-shaped demo profiles the local worker serves in demo mode (`npm start`):
 * `http://127.0.0.1:8787/demo/linkedin/<slug>`. Only builds made for the demo and the tests
 * (`--mode demo`, `--mode e2e`) run on them; release builds never match a loopback page.
 * Match patterns carry no port, so any local port matches. Test URL:
 * http://127.0.0.1:8787/demo/linkedin/ava-thompson-demo
 */
export const demoLinkedin: Site = {
  id: 'linkedin',
  name: 'LinkedIn (Handoff demo)',
  matches: ['http://127.0.0.1/demo/linkedin/*', 'http://localhost/demo/linkedin/*'],
  slugPath: /^\/demo\/linkedin\/([^/?#]+)\/?$/,
}
