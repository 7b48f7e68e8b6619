/**
 * The alert formats, rendered from one payload: exact Slack Block Kit, the exact Teams Adaptive Card, the
 * email's fields, the link order (CRM record → LinkedIn profile → lead page) and hostile lead text.
 * Teams shape: Microsoft, "Create and send messages", section "Send Adaptive Cards using an Incoming Webhook"
 * (learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using), and the
 * Adaptive Cards schema explorer, TextRun ("Markdown is not supported").
 */
import { describe, expect, it } from 'vitest'
import { emailMessage, mailtoAddresses } from '../../worker/domain/alerts/email-message'
import { alertLinks } from '../../worker/domain/alerts/links'
import type { AlertPayload } from '../../worker/domain/alerts/payload'
import { slackMessage } from '../../worker/domain/alerts/render'
import { teamsMessage } from '../../worker/domain/alerts/teams-card'

const APP = 'https://handoff.example/'
const T0 = Date.UTC(2026, 10, 23, 15, 0)
const MIN = 60_000

const payload = (lead: Partial<AlertPayload['lead']> = {}): AlertPayload => ({
  kind: 'assigned',
  milestone: 'assigned',
  title: 'New lead for Ana Ruiz: Jo Doe (Acme)',
  lead: {
    id: 'lead_1',
    name: 'Jo Doe',
    email: 'jo@acme.test',
    title: 'CTO',
    company: 'Acme',
    score: 86.6,
    hot: true,
    whyNow: 'Requested a demo 4 min ago · visited pricing 3× this week',
    phone: '+1 212 555 0100',
    linkedinUrl: 'linkedin.com/in/jo-doe',
    crm: null,
    ...lead,
  },
  rep: { id: 'rep_1', name: 'Ana Ruiz' },
  dueAt: T0 + 42 * MIN,
  detail: "pool Global via rule 'Everyone else'",
})

const HOSTILE = {
  name: '<!channel> *bold* <https://evil.example|click>',
  title: '_italic_ {{DATE(2017-02-14T06:08:00Z)}}',
  company: '[x](https://evil.example) & <@U123>',
  whyNow: '<!here> ~strike~ `code`',
  email: 'jo@acme.test',
  phone: '<tel:1|call me>',
  linkedinUrl: 'javascript:alert(1)',
}

/** Every string in a JSON value. */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []

describe('alert links', () => {
  it('prefers the CRM record, then the LinkedIn profile, then the lead page', () => {
    const crm = { system: 'hubspot' as const, url: 'https://app.hubspot.com/contacts/9/record/0-1/51' }
    expect(alertLinks(payload({ crm }), APP)).toEqual({
      primary: { url: crm.url, label: 'Open in HubSpot' },
      lead: { url: 'https://handoff.example/open/leads/lead_1', label: 'Open in Handoff' },
    })
    expect(alertLinks(payload(), APP).primary).toEqual({
      url: 'https://www.linkedin.com/in/jo-doe/',
      label: 'Open LinkedIn profile',
    })
    expect(alertLinks(payload({ linkedinUrl: null }), APP)).toEqual({
      primary: { url: 'https://handoff.example/open/leads/lead_1', label: 'Open lead' },
      lead: null,
    })
  })

  it('never links a LinkedIn value that is not an http(s) LinkedIn profile', () => {
    for (const linkedinUrl of [
      'javascript:alert(1)',
      'https://evil.example/in/jo',
      'data:text/html,x',
      'ftp://linkedin.com/in/jo',
    ])
      expect(alertLinks(payload({ linkedinUrl }), APP).primary.label).toBe('Open lead')
  })

  it('encodes the lead id in the lead page link', () => {
    expect(alertLinks(payload({ id: 'a/../b?c', linkedinUrl: null }), APP).primary.url).toBe(
      'https://handoff.example/open/leads/a%2F..%2Fb%3Fc',
    )
  })
})

describe('Slack', () => {
  it('renders the exact Block Kit message', () => {
    expect(slackMessage(payload(), APP, T0)).toEqual({
      text: 'New lead for Ana Ruiz: Jo Doe (Acme)',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'New lead for Ana Ruiz: Jo Doe (Acme)', emoji: false } },
        { type: 'section', text: { type: 'plain_text', text: 'Jo Doe, CTO at Acme', emoji: false } },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: '*SLA*\ntime left 42m' },
            { type: 'mrkdwn', text: '*Score*\n87 (hot)' },
            { type: 'plain_text', text: 'Phone: +1 212 555 0100', emoji: false },
            { type: 'plain_text', text: 'Email: jo@acme.test', emoji: false },
          ],
        },
        {
          type: 'section',
          text: {
            type: 'plain_text',
            text: 'Why now: Requested a demo 4 min ago · visited pricing 3× this week',
            emoji: false,
          },
        },
        {
          type: 'context',
          elements: [
            { type: 'plain_text', text: "Owner: Ana Ruiz · pool Global via rule 'Everyone else'", emoji: false },
          ],
        },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Open LinkedIn profile', emoji: false },
              url: 'https://www.linkedin.com/in/jo-doe/',
              style: 'primary',
              action_id: 'open_primary',
            },
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Open in Handoff', emoji: false },
              url: 'https://handoff.example/open/leads/lead_1',
              action_id: 'open_lead',
            },
          ],
        },
      ],
    })
  })

  it('keeps hostile lead text out of mrkdwn: no mention, link or formatting injection', () => {
    const msg = slackMessage({ ...payload(HOSTILE), title: `New lead: ${HOSTILE.name}` }, APP, T0 + 50 * MIN)
    const mrkdwn = JSON.stringify(msg.blocks, (_k, v) => (v && v.type === 'plain_text' ? undefined : v))
    for (const bad of ['<!channel>', '<!here>', '<https://evil', '*bold*', '~strike~', '<@U123>', '<tel:'])
      expect(mrkdwn).not.toContain(bad)
    expect(msg.text).toBe('New lead: &lt;!channel&gt; *bold* &lt;https://evil.example|click&gt;')
    expect(msg.blocks[1]).toEqual({
      type: 'section',
      text: {
        type: 'plain_text',
        text: '<!channel> *bold* <https://evil.example|click>, _italic_ {{DATE(2017-02-14T06:08:00Z)}} at [x](https://evil.example) & <@U123>',
        emoji: false,
      },
    })
    expect(msg.blocks[2]!.fields![0]).toEqual({ type: 'mrkdwn', text: '*SLA*\noverdue by 8m' })
    expect(msg.blocks.at(-1)!.elements!.map((e) => ('url' in e ? e.url : null))).toEqual([
      'https://handoff.example/open/leads/lead_1',
    ])
  })
})

describe('Teams', () => {
  it('renders the exact Adaptive Card message', () => {
    const crm = {
      system: 'salesforce' as const,
      url: 'https://acme.my.salesforce.com/lightning/r/Lead/00Q5e00000AbCdEEAV/view',
    }
    const bold = { weight: 'Bolder' }
    const line = (label: string, value: string) => ({
      type: 'RichTextBlock',
      inlines: [
        { type: 'TextRun', text: `${label}: `, ...bold },
        { type: 'TextRun', text: value },
      ],
    })
    expect(teamsMessage(payload({ crm }), APP, T0)).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            fallbackText: 'New lead for Ana Ruiz: Jo Doe (Acme)',
            body: [
              {
                type: 'RichTextBlock',
                inlines: [
                  {
                    type: 'TextRun',
                    text: 'New lead for Ana Ruiz: Jo Doe (Acme)',
                    weight: 'Bolder',
                    size: 'Medium',
                    color: 'Good',
                  },
                ],
              },
              { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Jo Doe, CTO at Acme', ...bold }] },
              line('Why now', 'Requested a demo 4 min ago · visited pricing 3× this week'),
              line('SLA', 'time left 42m'),
              line('Phone', '+1 212 555 0100'),
              line('Email', 'jo@acme.test'),
              line('Score', '87 (hot)'),
              line('Owner', 'Ana Ruiz'),
              {
                type: 'RichTextBlock',
                inlines: [{ type: 'TextRun', text: "pool Global via rule 'Everyone else'", isSubtle: true }],
              },
            ],
            actions: [
              { type: 'Action.OpenUrl', title: 'Open in Salesforce', url: crm.url },
              { type: 'Action.OpenUrl', title: 'Open in Handoff', url: 'https://handoff.example/open/leads/lead_1' },
            ],
          },
        },
      ],
    })
  })

  it('puts lead text only in TextRuns (never Markdown) and breaks card template functions', () => {
    const card = teamsMessage(payload(HOSTILE), APP, T0).attachments[0]!.content
    const types = (v: unknown): string[] =>
      Array.isArray(v)
        ? v.flatMap(types)
        : v && typeof v === 'object'
          ? [String((v as { type?: string }).type), ...Object.values(v).flatMap(types)]
          : []
    expect(new Set(types(card.body))).toEqual(new Set(['RichTextBlock', 'TextRun']))
    const text = strings(card.body).join('\n')
    expect(text).toContain('{ {DATE(2017-02-14T06:08:00Z)}}')
    expect(text).not.toContain('{{')
    expect(card.actions.map((a) => a.url)).toEqual(['https://handoff.example/open/leads/lead_1'])
  })
})

describe('email', () => {
  it('has the subject, the facts in text and escaped HTML, and our links only', () => {
    const m = emailMessage(payload(), APP, T0)
    expect(m.subject).toBe('New lead for Ana Ruiz: Jo Doe (Acme)')
    expect(m.text).toBe(
      [
        'Jo Doe, CTO at Acme',
        '',
        'Why now: Requested a demo 4 min ago · visited pricing 3× this week',
        'SLA: time left 42m',
        'Phone: +1 212 555 0100',
        'Email: jo@acme.test',
        'Score: 87 (hot)',
        'Owner: Ana Ruiz',
        '',
        "pool Global via rule 'Everyone else'",
        '',
        'Open LinkedIn profile: https://www.linkedin.com/in/jo-doe/',
        'Open in Handoff: https://handoff.example/open/leads/lead_1',
        '',
      ].join('\n'),
    )
    expect(m.html).toContain('<a href="https://www.linkedin.com/in/jo-doe/">Open LinkedIn profile</a>')
  })

  it('escapes hostile lead text in the HTML and keeps the subject on one line', () => {
    const m = emailMessage(
      { ...payload(HOSTILE), title: 'New lead: <img src=x onerror=alert(1)>\r\nBcc: x@evil.example' },
      APP,
      T0,
    )
    expect(m.subject).toBe('New lead: <img src=x onerror=alert(1)> Bcc: x@evil.example')
    expect(m.html).not.toContain('<img')
    expect(m.html).toContain('&lt;!channel&gt; *bold* &lt;https://evil.example|click&gt;')
    expect(m.html.match(/href="([^"]*)"/g)).toEqual(['href="https://handoff.example/open/leads/lead_1"'])
  })

  it('reads recipients from a mailto: URL', () => {
    expect(mailtoAddresses('mailto:ana@acme.io,%20bo@acme.io')).toEqual(['ana@acme.io', 'bo@acme.io'])
    expect(mailtoAddresses('mailto:ana@acme.io?cc=x@evil.example')).toEqual(['ana@acme.io'])
    expect(mailtoAddresses('https://hooks.slack.com/x')).toEqual([])
    expect(mailtoAddresses('mailto:not-an-address')).toEqual([])
  })
})
