/**
 * Alerts through real sockets: `wrangler dev` (workerd + local D1) on 127.0.0.1 delivers to receivers on
 * 127.0.0.1 — a Slack incoming webhook and a Standard Webhooks endpoint that is down for the first attempt.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { type IncomingHttpHeaders, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalWorker, startWorker } from '../browser/support/worker'

type Received = { path: string; headers: IncomingHttpHeaders; body: string; answered: number }

const MIN = 60_000

describe('alert delivery to receivers on 127.0.0.1', () => {
  let worker: LocalWorker
  let receiverUrl: string
  let close: () => void
  const received: Received[] = []
  let webhookDown = true
  const secretBytes = randomBytes(32)
  const secret = `whsec_${secretBytes.toString('base64')}`

  beforeAll(async () => {
    const server = createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        // The webhook receiver is down for its first request only.
        const answered = req.url === '/hook' && webhookDown ? 500 : 200
        if (req.url === '/hook') webhookDown = false
        received.push({ path: req.url ?? '', headers: req.headers, body, answered })
        res.writeHead(answered).end(answered === 200 ? 'ok' : 'down')
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    close = () => server.close()
    worker = await startWorker()
  })

  afterAll(async () => {
    close?.()
    await worker?.stop()
  })

  const until = async (check: () => boolean, ms = 10_000) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
      if (check()) return
    throw new Error('timed out')
  }
  const tick = (time: number) => fetch(`${worker.url}/__scheduled?cron=*+*+*+*+*&time=${time}`)

  it('sends Block Kit to Slack and a signed Standard Webhook, retried after a 500 and delivered exactly once', async () => {
    const { api } = worker
    const slack = await api('/v1/admin/channels', {
      method: 'POST',
      json: { name: 'slack', kind: 'slack', url: `${receiverUrl}/slack` },
    })
    const hook = await api('/v1/admin/channels', {
      method: 'POST',
      json: { name: 'hook', kind: 'webhook', url: `${receiverUrl}/hook`, secret },
    })
    const sam = await api('/v1/admin/reps', {
      method: 'POST',
      json: { name: 'Sam', email: 'sam@team.test', channelId: slack.channel.id },
    })
    const wes = await api('/v1/admin/reps', {
      method: 'POST',
      json: { name: 'Wes', email: 'wes@team.test', channelId: hook.channel.id },
    })
    for (const [source, rep] of [
      ['web', sam],
      ['events', wes],
    ] as const) {
      const pool = await api('/v1/admin/pools', {
        method: 'POST',
        json: { name: source, members: [{ repId: rep.rep.id }] },
      })
      await api('/v1/admin/routing-rules', {
        method: 'POST',
        json: {
          name: source,
          kind: 'territory',
          position: 0,
          poolId: pool.pool.id,
          conditions: [{ op: 'equals', field: 'source', value: source }],
        },
      })
    }
    await api('/v1/admin/sla-policies', {
      method: 'POST',
      json: { name: 'SQL 1h', position: 0, durationMinutes: 60, businessHours: false },
    })
    await api('/v1/admin/criteria', { method: 'PUT', json: { thresholds: { mql: 0, sql: 0 } } })

    // Lead text is attacker-controlled: it must reach Slack escaped, not as mrkdwn/links.
    const jo = await api('/v1/leads', {
      method: 'POST',
      json: { email: 'jo@acme.test', firstName: 'Jo <!channel>', source: 'web' },
    })
    const kim = await api('/v1/leads', {
      method: 'POST',
      json: { email: 'kim@globex.test', firstName: 'Kim', source: 'events' },
    })
    expect(jo.lead.assignee?.id).toBe(sam.rep.id)
    expect(kim.lead.assignee?.id).toBe(wes.rep.id)

    await until(() => received.some((r) => r.path === '/slack') && received.some((r) => r.path === '/hook'))
    const slackMsg = JSON.parse(received.find((r) => r.path === '/slack')!.body)
    expect(slackMsg.blocks.map((b: { type: string }) => b.type)).toContain('section')
    const slackText = JSON.stringify(slackMsg)
    expect(slackText).toContain('Jo &lt;!channel&gt;')
    // Only plain_text (never parsed by Slack) may carry the raw text; mrkdwn must be escaped.
    const mrkdwn = JSON.stringify(slackMsg, (_k, v) =>
      v && typeof v === 'object' && v.type === 'plain_text' ? undefined : v,
    )
    expect(mrkdwn).not.toContain('<!channel>')
    expect(slackText).toContain(`/open/leads/${jo.lead.id}`) // a page a browser can open, not the 401 API
    expect(received.filter((r) => r.path === '/hook').map((r) => r.answered)).toEqual([500])

    // Cron past the first backoff retries; further ticks send nothing more.
    const now = Date.now()
    await tick(now + 2 * MIN)
    await tick(now + 2 * MIN)
    await tick(now + 3 * MIN)
    const hooks = received.filter((r) => r.path === '/hook')
    expect(hooks.map((r) => r.answered)).toEqual([500, 200])
    const delivered = hooks[1]!
    const id = delivered.headers['webhook-id'] as string
    const timestamp = delivered.headers['webhook-timestamp'] as string
    // Verified by the reference implementation, not by our own reading of the spec.
    const verified = new Webhook(secret).verify(delivered.body, {
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': delivered.headers['webhook-signature'] as string,
    })
    expect(verified).toMatchObject({ data: { lead: { id: kim.lead.id } } })
    expect(hooks[0]!.headers['webhook-id']).toBe(id) // a retry keeps its id so receivers can de-duplicate
    expect(JSON.parse(delivered.body).data.lead.id).toBe(kim.lead.id)
    expect(received.filter((r) => r.path === '/slack')).toHaveLength(1)
  })

  it('sends an email alert through miniflare’s send_email binding, which keeps the message locally', async () => {
    const { api } = worker
    const mail = await api('/v1/admin/channels', {
      method: 'POST',
      json: { name: 'mail', kind: 'email', url: 'mailto:em@team.test' },
    })
    const em = await api('/v1/admin/reps', {
      method: 'POST',
      json: { name: 'Em', email: 'em@team.test', channelId: mail.channel.id },
    })
    const pool = await api('/v1/admin/pools', {
      method: 'POST',
      json: { name: 'mail', members: [{ repId: em.rep.id }] },
    })
    await api('/v1/admin/routing-rules', {
      method: 'POST',
      json: {
        name: 'mail',
        kind: 'territory',
        position: 0,
        poolId: pool.pool.id,
        conditions: [{ op: 'equals', field: 'source', value: 'mail' }],
      },
    })
    const lee = await api('/v1/leads', {
      method: 'POST',
      json: { email: 'lee@initech.test', firstName: 'Lee <b>', phone: '+1 212 555 0199', source: 'mail' },
    })
    expect(lee.lead.assignee?.id).toBe(em.rep.id)
    // miniflare logs each message with the files it stored: "send_email binding called with MessageBuilder:
    // From: … To: … Subject: …", then "Text: <path>" and "HTML: <path>".
    await until(() => /Text: \S+/.test(worker.output().split('MessageBuilder:').at(-1) ?? ''))
    const note = worker.output().split('MessageBuilder:').at(-1)!
    expect(note).toContain('To: em@team.test')
    expect(note).toContain('Subject: New lead for Em: Lee <b>')
    // eslint-disable-next-line no-control-regex -- the log is coloured
    const path = /Text: (\S+)/.exec(note.replace(/\u001b\[[0-9;]*m/g, ''))![1]!
    const text = readFileSync(path, 'utf8')
    expect(text).toContain('Phone: +1 212 555 0199')
    expect(text).toContain(`/open/leads/${lee.lead.id}`)
    const html = readFileSync(path.replace(/email-text(.*)\.txt$/, 'email-html$1.html'), 'utf8')
    expect(html).toContain('Lee &lt;b&gt;')
    expect(html).not.toContain('Lee <b>')
  })
})
