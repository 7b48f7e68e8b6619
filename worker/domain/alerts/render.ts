/**
 * Channel formats of one alert: the facts every format shows, Slack Block Kit, a Standard Webhooks JSON event,
 * and a one-line log summary (Teams: teams-card.ts; email: email-message.ts).
 * @module
 */
import { cleanText } from '../../../shared/clean-text'
import { formatRemaining } from '../../../shared/time/sla'
import { alertLinks, openLeadLink } from './links'
import type { AlertPayload } from './payload'

/**
 * Text a person reads in Slack, Teams or the log, without what could fake it: control characters (a forged
 * line) and bidi controls and marks (reversed text). The payload is rendered from stored lead data, which may
 * predate intake cleaning or come from an import, so it is cleaned here, at the last step.
 * @example plainText('Ana\u202EziuR\n') // 'AnaziuR'
 */
export const plainText = (s: string) => cleanText(s).replace(/[\u061c\u200e\u200f\u2028\u2029]/g, '')

/**
 * Slack mrkdwn treats `&`, `<` and `>` as control characters: escape them in anything a lead wrote
 * (after {@link plainText}).
 * @example escapeSlack('Jo <!channel> & Co') // 'Jo &lt;!channel&gt; &amp; Co'
 */
export const escapeSlack = (s: string) =>
  plainText(s).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')

/** The lead's API link (`${APP_URL}/v1/leads/<id>`, the id encoded), for machines: webhooks and lead events. */
export const leadLink = (appUrl: string, leadId: string) =>
  `${appUrl.replace(/\/+$/, '')}/v1/leads/${encodeURIComponent(leadId)}`

/** "time left 42m" / "overdue by 3m", or null without a clock. */
export const timeText = (p: AlertPayload, now: number) => {
  if (p.dueAt === null) return null
  const left = p.dueAt - now
  return left >= 0 ? `time left ${formatRemaining(left)}` : formatRemaining(left)
}

/**
 * Cut to at most `n` characters, with an ellipsis.
 * @example clip('abcdef', 4) // 'abc…'
 */
export const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

/** What every rendering shows, as clean plain text (no markup of any kind yet). */
export type AlertFacts = {
  title: string
  /** "Jo Doe, CTO at Acme" */
  who: string
  whyNow: string
  /** "time left 42m", "overdue by 3m", "no clock" */
  time: string
  phone: string | null
  email: string
  score: string
  owner: string
  detail: string | null
}

/**
 * The facts a rep needs to act without clicking: who, why now, time left, phone and email, cleaned.
 * @example alertFacts(payload, Date.now()).who // 'Jo Doe, CTO at Acme'
 */
export const alertFacts = (p: AlertPayload, now: number): AlertFacts => {
  const { lead } = p
  const role = [lead.title, lead.company].filter(Boolean).map((s) => plainText(String(s)))
  return {
    title: clip(plainText(p.title), 250),
    who: clip([plainText(lead.name), role.join(' at ')].filter(Boolean).join(', '), 300),
    whyNow: clip(plainText(lead.whyNow ?? 'Crossed the hand-off threshold'), 500),
    time: timeText(p, now) ?? 'no clock',
    phone: lead.phone ? clip(plainText(lead.phone), 40) || null : null,
    email: clip(plainText(lead.email), 254),
    score: `${Math.round(lead.score)}${lead.hot ? ' (hot)' : ''}`,
    owner: p.rep ? plainText(p.rep.name) : 'managers’ queue',
    detail: p.detail ? clip(plainText(p.detail), 1000) : null,
  }
}

/** A Slack `plain_text` object: shown as is, never parsed for mrkdwn, mentions, links or emoji codes. */
const plain = (text: string) => ({ type: 'plain_text', text, emoji: false })

/**
 * Slack incoming-webhook body (Block Kit): header, who, time left, score, owner, phone, email, why now, the
 * detail, and buttons to the CRM record / LinkedIn profile / lead page. Everything the lead wrote goes in
 * `plain_text` objects, which Slack never parses, so `<!channel>`, `<https://evil|x>` or `*bold*` show as
 * written; the only mrkdwn is our own labels and the notification `text`, escaped.
 * @example slackMessage(payload, 'https://handoff.example', Date.now()).blocks[0].type // 'header'
 */
export const slackMessage = (p: AlertPayload, appUrl: string, now: number) => {
  const f = alertFacts(p, now)
  const links = alertLinks(p, appUrl)
  return {
    text: escapeSlack(f.title), // the notification text is mrkdwn: escaped so nothing in it mentions or links
    blocks: [
      { type: 'header', text: plain(clip(f.title, 150)) },
      { type: 'section', text: plain(f.who) },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*SLA*\n${f.time}` },
          { type: 'mrkdwn', text: `*Score*\n${f.score}` },
          plain(`Phone: ${f.phone ?? '—'}`),
          plain(`Email: ${f.email}`),
        ],
      },
      { type: 'section', text: plain(`Why now: ${f.whyNow}`) },
      { type: 'context', elements: [plain(clip(`Owner: ${f.owner}${f.detail ? ` · ${f.detail}` : ''}`, 2000))] },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: plain(links.primary.label),
            url: links.primary.url,
            style: 'primary',
            action_id: 'open_primary',
          },
          ...(links.lead
            ? [{ type: 'button', text: plain(links.lead.label), url: links.lead.url, action_id: 'open_lead' }]
            : []),
        ],
      },
    ],
  }
}

/** Generic webhook event body (Standard Webhooks style: `type`, `timestamp`, `data`). */
export const webhookEvent = (p: AlertPayload, appUrl: string, now: number) => ({
  type: `lead.${p.kind}`,
  timestamp: new Date(now).toISOString(),
  data: {
    ...p,
    dueAt: p.dueAt === null ? null : new Date(p.dueAt).toISOString(),
    timeText: timeText(p, now),
    url: leadLink(appUrl, p.lead.id),
    openUrl: alertLinks(p, appUrl).primary.url,
    leadPageUrl: openLeadLink(appUrl, p.lead.id),
  },
})

/** One line for the worker log (the `log` channel and alerts with no channel). */
export const logLine = (p: AlertPayload, recipient: string | null, now: number) =>
  `[alert] ${p.milestone} → ${recipient ?? 'nobody'}: ${plainText(p.title)}${timeText(p, now) ? ` — ${timeText(p, now)}` : ''} (lead ${p.lead.id})`
