/**
 * The Microsoft Teams alert: an Adaptive Card in a `message`, the only format Teams Workflows webhooks
 * ("When a Teams webhook request is received") accept; the MessageCard format of the retired Microsoft 365
 * connectors is not. Shape from Microsoft's "Create and send messages" page
 * (learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using, "Send Adaptive
 * Cards using an Incoming Webhook"). Lead text goes only into `TextRun`s of `RichTextBlock`s, which Adaptive
 * Cards never read as Markdown (Adaptive Cards schema, TextRun: "Markdown is not supported"), unlike
 * `TextBlock` and `FactSet` values.
 * @module
 */
import { alertLinks } from './links'
import type { AlertPayload } from './payload'
import { alertFacts } from './render'

/** `{{DATE(…)}}` and `{{TIME(…)}}` are substituted by card hosts: a lead's text must not form one. */
const literal = (s: string) => s.replaceAll('{{', '{ {')

const run = (text: string, style: Record<string, unknown> = {}) => ({ type: 'TextRun', text: literal(text), ...style })

/** One "Label: value" line; the label is ours and bold, the value shown exactly as written. */
const line = (label: string, value: string) => ({
  type: 'RichTextBlock',
  inlines: [run(`${label}: `, { weight: 'Bolder' }), run(value)],
})

const COLOR = { assigned: 'Good', warning: 'Warning' } as const

/**
 * The Teams webhook body: title, who, why now, time left, phone, email, score, owner and the detail, with
 * `Action.OpenUrl` buttons to the CRM record / LinkedIn profile and the lead's page.
 * @example teamsMessage(payload, 'https://handoff.example', Date.now()).attachments[0].content.type // 'AdaptiveCard'
 */
export const teamsMessage = (p: AlertPayload, appUrl: string, now: number) => {
  const f = alertFacts(p, now)
  const links = alertLinks(p, appUrl)
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          // The text of a notification or a screen reader's summary.
          fallbackText: f.title,
          body: [
            {
              type: 'RichTextBlock',
              inlines: [
                run(f.title, {
                  weight: 'Bolder',
                  size: 'Medium',
                  color: p.kind === 'assigned' || p.kind === 'warning' ? COLOR[p.kind] : 'Attention',
                }),
              ],
            },
            { type: 'RichTextBlock', inlines: [run(f.who, { weight: 'Bolder' })] },
            line('Why now', f.whyNow),
            line('SLA', f.time),
            ...(f.phone ? [line('Phone', f.phone)] : []),
            line('Email', f.email),
            line('Score', f.score),
            line('Owner', f.owner),
            ...(f.detail ? [{ type: 'RichTextBlock', inlines: [run(f.detail, { isSubtle: true })] }] : []),
          ],
          actions: [links.primary, ...(links.lead ? [links.lead] : [])].map((l) => ({
            type: 'Action.OpenUrl',
            title: l.label,
            url: l.url,
          })),
        },
      },
    ],
  }
}
