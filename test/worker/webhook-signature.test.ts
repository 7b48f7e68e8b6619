/**
 * The outbound signer checked independently: against the Standard Webhooks spec's published example
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md, "Signature
 * scheme") and by the reference `standardwebhooks` package's own verifier, not by re-reading the spec.
 */
import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { signWebhook } from '../../worker/domain/alerts/sign'

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'

describe('signWebhook (Standard Webhooks)', () => {
  it('reproduces the spec example signature', async () => {
    const headers = await signWebhook(SECRET, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=')
  })

  it('is accepted by the reference verifier, and a changed body or id is not', async () => {
    const ts = Math.floor(Date.now() / 1000)
    const body = JSON.stringify({ type: 'lead.assigned', data: { lead: { id: 'lead_1', name: 'Jo <b>' } } })
    const headers = await signWebhook(SECRET, 'alr_1', ts, body)
    const wh = new Webhook(SECRET)
    expect(wh.verify(body, headers)).toEqual(JSON.parse(body))
    expect(() => wh.verify(`${body} `, headers)).toThrow()
    expect(() => wh.verify(body, { ...headers, 'webhook-id': 'alr_2' })).toThrow()
  })
})
