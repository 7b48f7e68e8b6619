/**
 * `GET /open/leads/:id`: the page an alert links to when the lead has no CRM record or LinkedIn profile.
 * Slack, Teams and mail clients cannot open the extension's own `lead.html`, and `/v1/leads/:id` answers 401
 * in a browser, so the alert points here. The page is public (no token reaches it), so it shows **no lead
 * data** and reads nothing from the database (it cannot tell whether the id exists): only how to open the
 * lead in the Handoff extension, which recognises this URL on its server and opens its lead page instead.
 * @module
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'

/** Ids as `newId` makes them; anything else gets the same page without an id. */
const LEAD_ID = /^[A-Za-z0-9_-]{1,100}$/

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

const STYLE =
  'body{font:15px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1f2328}' +
  'h1{font-size:1.4rem}code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}li{margin:.3rem 0}'

let styleHash: Promise<string> | undefined
/** The CSP hash of the one inline style, so the policy allows nothing else (no scripts at all). */
const styleSource = () =>
  (styleHash ??= crypto.subtle
    .digest('SHA-256', new TextEncoder().encode(STYLE))
    .then((d) => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(d)))}'`))

const page = (id: string | null) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Open this lead in Handoff</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Open this lead in Handoff</h1>
${
  id
    ? `<p>This link opens lead <code>${escapeHtml(id)}</code> in the Handoff browser extension.</p>
<ul>
<li>With the extension installed and connected to this server, the lead opens by itself. If this page stays, reload it.</li>
<li>Not set up yet? Install the Handoff extension, open its options, enter this server's address and your rep token, then open the link again.</li>
<li>You can also find the lead in the extension's toolbar popup, under <em>To contact</em>.</li>
</ul>
<p>This page shows no lead details: those stay in the extension, behind your token.</p>`
    : '<p>This link does not name a lead. Open your queue from the Handoff toolbar button.</p>'
}
</body>
</html>
`

export const openLeadRoutes = new Hono<AppEnv>().get('/leads/:id', async (c) => {
  const raw = c.req.param('id')
  const id = LEAD_ID.test(raw) ? raw : null
  return c.html(page(id), id ? 200 : 404, {
    'Content-Security-Policy': `default-src 'none'; style-src ${await styleSource()}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Robots-Tag': 'noindex',
  })
})
