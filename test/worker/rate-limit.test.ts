/**
 * Rate limits on the Rate Limiting binding (contract v1.1): 429, `Retry-After` and the error shape, for
 * the public form per source and client IP, failed authentication per IP, and intake per token. Each test
 * uses its own client IP or token, so the windows of other tests do not interfere.
 */
import { describe, expect, it } from 'vitest'
import { api, issueToken } from './helpers'

const FORM_LIMIT = 20
const AUTH_FAIL_LIMIT = 30

const expect429 = async (res: Response) => {
  expect(res.status).toBe(429)
  expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0)
  expect(await res.json()).toMatchObject({ error: { code: 'rate_limited' } })
}

/**
 * Sends `call` until it is answered 429, at most `2 × limit + 1` times, and returns how many were admitted
 * before. The binding counts in fixed windows (aligned to the period), so a run that crosses a window edge may
 * admit up to twice the limit; it must never admit fewer than `limit`.
 */
const admittedBefore429 = async (limit: number, call: (i: number) => Promise<Response>, ok: (s: number) => boolean) => {
  for (let i = 0; i <= 2 * limit; i++) {
    const res = await call(i)
    if (res.status === 429) {
      await expect429(res)
      return i
    }
    expect(ok(res.status)).toBe(true)
  }
  throw new Error(`no 429 after ${2 * limit + 1} calls`)
}

describe('rate limits', () => {
  it('limit the public form per source and client IP', async () => {
    const src = await api('/v1/admin/sources', { json: { name: 'RL form', source: 'website' } })
    const { source } = (await src.json()) as { source: { key: string; formPath: string } }
    const post = (ip: string, i: number) =>
      api(source.formPath, {
        token: null,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': ip },
        body: `email=rl${i}@form.test`,
      })
    const admitted = await admittedBefore429(
      FORM_LIMIT,
      (i) => post('203.0.113.7', i),
      (s) => s < 400,
    )
    expect(admitted).toBeGreaterThanOrEqual(FORM_LIMIT)
    // Another visitor of the same form is not affected.
    expect((await post('203.0.113.8', 100)).status).toBeLessThan(400)
  })

  it('answer repeated failed authentication from one IP with 429', async () => {
    const guess = (ip: string) =>
      api('/v1/me', {
        token: null,
        headers: { Authorization: `Bearer hk_guess_${crypto.randomUUID()}`, 'CF-Connecting-IP': ip },
      })
    const admitted = await admittedBefore429(
      AUTH_FAIL_LIMIT,
      () => guess('198.51.100.4'),
      (s) => s === 401,
    )
    expect(admitted).toBeGreaterThanOrEqual(AUTH_FAIL_LIMIT)
    expect((await guess('198.51.100.5')).status).toBe(401)
  })

  it('limit intake per token, leaving other tokens alone', async () => {
    const a = await issueToken('intake')
    const b = await issueToken('intake')
    let limited: Response | null = null
    // The binding counts in wall-clock minutes: 1,300 requests (well under a minute) cross at most one
    // boundary, so one window sees more than 600 of them even when the run straddles it.
    for (let i = 0; i < 1300 && !limited; i++) {
      const res = await api('/v1/events', { token: a, json: { events: [] } })
      if (res.status === 429) limited = res
    }
    expect(limited).not.toBeNull()
    await expect429(limited!)
    expect((await api('/v1/events', { token: b, json: { events: [] } })).status).not.toBe(429)
  }, 60_000)
})
