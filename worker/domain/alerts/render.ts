/**
 * Channel formats of one alert: Slack Block Kit, a Teams MessageCard, a Standard Webhooks JSON event,
 * and a one-line log summary.
 * @module
 */
import { cleanText } from '../../../shared/clean-text'
import { formatRemaining } from '../../../shared/time/sla'
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

/** The lead's link for humans (`${APP_URL}/v1/leads/<id>`), the id encoded. */
export const leadLink = (appUrl: string, leadId: string) =>
  `${appUrl.replace(/\/+$/, '')}/v1/leads/${encodeURIComponent(leadId)}`

/** "time left 42m" / "overdue by 3m", or null without a clock. */
export const timeText = (p: AlertPayload, now: number) => {
  if (p.dueAt === null) return null
  const left = p.dueAt - now
  return left >= 0 ? `time left ${formatRemaining(left)}` : formatRemaining(left)
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

/**
 * Slack incoming-webhook body: header, who, score, why now, time left or overdue by, and a button to the lead.
 * @example slackMessage(payload, 'https://handoff.example', Date.now()).blocks[0].type // 'header'
 */
export const slackMessage = (p: AlertPayload, appUrl: string, now: number) => {
  const who = `*${escapeSlack(p.lead.name)}*${p.lead.title ? `, ${escapeSlack(p.lead.title)}` : ''}${p.lead.company ? ` at ${escapeSlack(p.lead.company)}` : ''}\n${escapeSlack(p.lead.email)}`
  const time = timeText(p, now)
  const url = leadLink(appUrl, p.lead.id)
  return {
    text: escapeSlack(clip(p.title, 300)), // the notification text is mrkdwn too
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(plainText(p.title), 150), emoji: true } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Who*\n${who}` },
          { type: 'mrkdwn', text: `*Score*\n${p.lead.score}${p.lead.hot ? ' :fire: hot' : ''}` },
          { type: 'mrkdwn', text: `*Owner*\n${p.rep ? escapeSlack(p.rep.name) : '_managers’ queue_'}` },
          { type: 'mrkdwn', text: `*SLA*\n${time ?? 'no clock'}` },
        ],
      },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*Why now*\n${escapeSlack(p.lead.whyNow ?? 'Crossed the hand-off threshold')}` },
      },
      ...(p.detail
        ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: escapeSlack(clip(p.detail, 2000)) }] }]
        : []),
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open lead' }, url, action_id: 'open_lead' }],
      },
    ],
  }
}

/** Microsoft Teams incoming-webhook body (legacy MessageCard, accepted by Teams connectors and workflows). */
export const teamsMessage = (p: AlertPayload, appUrl: string, now: number) => ({
  '@type': 'MessageCard',
  '@context': 'https://schema.org/extensions',
  summary: clip(plainText(p.title), 200),
  themeColor: p.kind === 'assigned' ? '2E7D32' : p.kind === 'warning' ? 'F9A825' : 'C62828',
  title: plainText(p.title),
  sections: [
    {
      activityTitle: plainText(p.lead.name),
      activitySubtitle: [p.lead.title, p.lead.company].filter(Boolean).map(String).map(plainText).join(' at '),
      facts: [
        { name: 'Email', value: plainText(p.lead.email) },
        { name: 'Score', value: `${p.lead.score}${p.lead.hot ? ' (hot)' : ''}` },
        { name: 'Owner', value: p.rep ? plainText(p.rep.name) : "managers' queue" },
        { name: 'SLA', value: timeText(p, now) ?? 'no clock' },
        { name: 'Why now', value: plainText(p.lead.whyNow ?? 'Crossed the hand-off threshold') },
        ...(p.detail ? [{ name: 'Detail', value: plainText(p.detail) }] : []),
      ],
      markdown: false,
    },
  ],
  potentialAction: [
    { '@type': 'OpenUri', name: 'Open lead', targets: [{ os: 'default', uri: leadLink(appUrl, p.lead.id) }] },
  ],
})

/** Generic webhook event body (Standard Webhooks style: `type`, `timestamp`, `data`). */
export const webhookEvent = (p: AlertPayload, appUrl: string, now: number) => ({
  type: `lead.${p.kind}`,
  timestamp: new Date(now).toISOString(),
  data: {
    ...p,
    dueAt: p.dueAt === null ? null : new Date(p.dueAt).toISOString(),
    timeText: timeText(p, now),
    url: leadLink(appUrl, p.lead.id),
  },
})

/** One line for the worker log (the `log` channel and alerts with no channel). */
export const logLine = (p: AlertPayload, recipient: string | null, now: number) =>
  `[alert] ${p.milestone} → ${recipient ?? 'nobody'}: ${plainText(p.title)}${timeText(p, now) ? ` — ${timeText(p, now)}` : ''} (lead ${p.lead.id})`
