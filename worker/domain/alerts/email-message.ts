/**
 * The email alert, sent through Cloudflare's `send_email` binding (`env.EMAIL`) with its structured form
 * (`EMAIL.send({ from, to, subject, text, html })`, Cloudflare Email Service "Workers API"), so no MIME library
 * is needed; under `wrangler dev` and in tests, miniflare's binding accepts the same call and keeps the
 * message locally. An email channel's `url` is a `mailto:` URI naming its recipients (RFC 6068).
 * @module
 */
import { alertLinks } from './links'
import type { AlertPayload } from './payload'
import { alertFacts } from './render'

/** The binding takes at most 50 recipients per message. */
const MAX_RECIPIENTS = 50

/**
 * The addresses of a `mailto:` channel URL (`mailto:ana@acme.io,bo@acme.io`); [] for anything else.
 * @example mailtoAddresses('mailto:ana@acme.io,bo@acme.io') // ['ana@acme.io', 'bo@acme.io']
 */
export const mailtoAddresses = (url: string): string[] => {
  if (!/^mailto:/i.test(url)) return []
  const to = url.slice('mailto:'.length).split('?')[0]!
  let decoded: string
  try {
    decoded = decodeURIComponent(to)
  } catch {
    return []
  }
  return decoded
    .split(',')
    .map((a) => a.trim())
    .filter((a) => /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/.test(a))
    .slice(0, MAX_RECIPIENTS)
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

/**
 * Subject, plain text and HTML of an alert email. Every value is cleaned text; in the HTML it is escaped, and
 * the only links are ours (CRM record, LinkedIn profile, lead page), so a lead's text cannot add markup.
 * @example emailMessage(payload, 'https://handoff.example', Date.now()).subject // 'New lead for Ana Ruiz: Jo Doe (Acme)'
 */
export const emailMessage = (p: AlertPayload, appUrl: string, now: number) => {
  const f = alertFacts(p, now)
  const links = alertLinks(p, appUrl)
  const rows: Array<[string, string]> = [
    ['Why now', f.whyNow],
    ['SLA', f.time],
    ...(f.phone ? [['Phone', f.phone] as [string, string]] : []),
    ['Email', f.email],
    ['Score', f.score],
    ['Owner', f.owner],
  ]
  const buttons = [links.primary, ...(links.lead ? [links.lead] : [])]
  const text = [
    f.who,
    '',
    ...rows.map(([k, v]) => `${k}: ${v}`),
    ...(f.detail ? ['', f.detail] : []),
    '',
    ...buttons.map((b) => `${b.label}: ${b.url}`),
    '',
  ].join('\n')
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:14px">
<p style="font-size:16px"><strong>${escapeHtml(f.who)}</strong></p>
<table cellpadding="4">${rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
${f.detail ? `<p style="color:#57606a">${escapeHtml(f.detail)}</p>` : ''}
<p>${buttons.map((b) => `<a href="${escapeHtml(b.url)}">${escapeHtml(b.label)}</a>`).join(' · ')}</p>
</body></html>`
  return { subject: f.title, text, html }
}

/** An email channel that cannot send (no binding, no sender, no recipients): retried like any failure. */
export class EmailChannelError extends Error {
  override name = 'EmailChannelError'
}

/**
 * Sends one alert email to the channel's recipients from `env.ALERT_EMAIL_FROM`.
 * @example await sendAlertEmail(env, 'mailto:ana@acme.io', payload, appUrl, now)
 */
export const sendAlertEmail = async (env: Env, url: string, p: AlertPayload, appUrl: string, now: number) => {
  const to = mailtoAddresses(url)
  if (!to.length) throw new EmailChannelError('the channel names no valid recipient')
  if (!env.EMAIL) throw new EmailChannelError('no send_email binding (EMAIL)')
  if (!env.ALERT_EMAIL_FROM) throw new EmailChannelError('ALERT_EMAIL_FROM is not set')
  await env.EMAIL.send({ from: { email: env.ALERT_EMAIL_FROM, name: 'Handoff' }, to, ...emailMessage(p, appUrl, now) })
}
