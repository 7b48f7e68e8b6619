/**
 * The outbox under slow, timing-out and rate-limiting receivers: overlapping ticks deliver each alert once
 * (counted per `webhook-id` at the receiver), a timed-out send is retried with the same id, `Retry-After` is
 * honoured up to its cap, the backoff jitter stays in bounds, and lead text reaching Slack or Teams is clean.
 */
import { env } from 'cloudflare:test'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runTick } from '../../worker/cron'
import { claimAlert, insertAlerts, markSent, type NewAlert } from '../../worker/db/queries/alerts'
import { deliverDueAlerts } from '../../worker/domain/alerts/deliver'
import type { AlertPayload } from '../../worker/domain/alerts/payload'
import { backoffMs, parseRetryAfter, RETRY_AFTER_CAP_MS, retryDelayMs } from '../../worker/domain/alerts/retry'
import type { DomainCtx } from '../../worker/domain/context'
import { handOff } from '../../worker/domain/handoff'
import { MIN, channel, ctxAt, db, lead, policy, pool, rep, reset, rule } from './assignment-fixtures'

const T0 = Date.UTC(2026, 10, 23, 15, 0)
const HOOK = 'http://127.0.0.1:9/receiver'
const SECRET = `whsec_${btoa('handoff-test-secret-0123456789ab')}`
const SEC = 1000
const HOUR = 60 * MIN

/** A context at `now` with jitter at its 0 end (the full backoff step) unless told otherwise. */
const at = (now: number, over: Partial<DomainCtx> = {}): DomainCtx => ({ ...ctxAt(now), random: () => 0, ...over })

const payload = (i: number): AlertPayload => ({
  kind: 'assigned',
  milestone: 'assigned',
  title: `New lead ${i}`,
  lead: {
    id: `lead_${i}`,
    name: `Lead ${i}`,
    email: `l${i}@x.test`,
    title: null,
    company: null,
    score: 80,
    hot: false,
    whyNow: null,
  },
  rep: null,
  dueAt: null,
  detail: null,
})

/** `n` alerts due at T0 on a channel of `kind`; returns their ids (oldest first). */
const seed = async (n: number, kind: 'webhook' | 'slack' = 'webhook', over: Partial<NewAlert> = {}) => {
  const ch = await channel({ name: kind, kind, url: HOOK, secret: kind === 'webhook' ? SECRET : null })
  const rows = Array.from({ length: n }, (_, i): NewAlert => {
    const id = `alr_${String(i).padStart(3, '0')}`
    return {
      id,
      dedupeKey: `lead_${i}:assigned:none:rep`,
      leadId: `lead_${i}`,
      milestone: 'assigned',
      recipient: 'rep',
      channelId: ch.id,
      payload: payload(i),
      state: 'pending',
      attempts: 0,
      nextAttemptAt: T0 - n + i,
      createdAt: T0 - n + i,
      ...over,
    }
  })
  // D1 binds at most 100 parameters per statement: a few rows per insert.
  for (let i = 0; i < rows.length; i += 5) await insertAlerts(db, rows.slice(i, i + 5))
  return rows.map((r) => r.id!)
}

const row = (id: string) =>
  env.DB.prepare('SELECT * FROM alerts WHERE id = ?').bind(id).first<{
    state: string
    attempts: number
    next_attempt_at: number | null
    last_error: string | null
    lease_owner: string | null
  }>()

type Answer = { status: number; headers?: Record<string, string> } | Error

/** A receiver answering with the scripted answers in turn (the last one repeats); records each request. */
const receiver = (answers: Answer[]) => {
  const got: Array<{ id: string | null; body: string; signal: unknown }> = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const req = new Request(input as RequestInfo, init as RequestInit)
    got.push({ id: req.headers.get('webhook-id'), body: await req.text(), signal: init?.signal })
    const a = answers.length > 1 ? answers.shift()! : answers[0]!
    if (a instanceof Error) throw a
    return new Response('x', { status: a.status, headers: a.headers })
  })
  return got
}

/** Counts each id's occurrences. */
const tally = (ids: Array<string | null>) => {
  const n = new Map<string | null, number>()
  for (const id of ids) n.set(id, (n.get(id) ?? 0) + 1)
  return n
}

describe('alert delivery under slow and failing receivers', () => {
  beforeEach(reset)
  afterEach(() => vi.restoreAllMocks())

  it('two overlapping ticks with a 9 s receiver deliver each alert exactly once', async () => {
    const ids = await seed(120)
    // The receiver answers when the test says so: each release is 9 s of simulated time.
    const arrived: string[] = []
    const waiting: Array<() => void> = []
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const req = new Request(input as RequestInfo, init as RequestInit)
      arrived.push(req.headers.get('webhook-id')!)
      await new Promise<void>((resolve) => waiting.push(resolve))
      return new Response('ok')
    })
    let sim = T0
    const clock = () => sim
    let open = 0
    const track = (p: Promise<{ delivered: number }>) => {
      open++
      return p.finally(() => open--)
    }
    const a = track(runTick(at(T0, { clock })))
    let b: Promise<{ delivered: number }> | undefined
    let pendingWhenBStarted = 0
    for (let steps = 0; steps < 200; steps++) {
      await vi.waitFor(() => expect(waiting.length > 0 || open === 0).toBe(true), { interval: 2, timeout: 5000 })
      if (open === 0) break
      sim += 9 * SEC
      if (!b && sim >= T0 + 121 * SEC) {
        // The measured failure: the next tick 121 s later, while the first is still sending.
        pendingWhenBStarted = (await env.DB.prepare("SELECT count(*) n FROM alerts WHERE state = 'pending'").first<{
          n: number
        }>())!.n
        b = track(runTick(at(sim, { clock })))
      }
      for (const release of waiting.splice(0)) release()
    }
    const [ra, rb] = await Promise.all([a, b!])
    expect(pendingWhenBStarted).toBeGreaterThan(0) // the ticks really overlapped
    expect(rb.delivered).toBeGreaterThan(0)
    expect(ra.delivered + rb.delivered).toBe(120)
    expect(arrived).toHaveLength(120)
    expect([...tally(arrived).values()].every((n) => n === 1)).toBe(true)
    expect(new Set(arrived)).toEqual(new Set(ids))
    const states = await env.DB.prepare('SELECT state, count(*) n FROM alerts GROUP BY state').all()
    expect(states.results).toEqual([{ state: 'sent', n: 120 }])
  }, 30_000)

  it('retries a claim whose tick died once its lease lapses, and ignores that tick if it answers late', async () => {
    const got = receiver([{ status: 200 }])
    const [lapsed, live] = await seed(2, 'webhook')
    expect(await claimAlert(db, lapsed!, 'dead-tick', T0 - 1, T0 - 1)).toMatchObject({ state: 'sending' })
    expect(await claimAlert(db, live!, 'busy-tick', T0 - 1, T0 + 2 * MIN)).toMatchObject({ state: 'sending' })
    expect(await claimAlert(db, live!, 'other-tick', T0, T0 + 2 * MIN)).toBeUndefined() // one claim at a time
    await deliverDueAlerts(at(T0))
    expect(got.map((r) => r.id)).toEqual([lapsed])
    expect(await row(lapsed!)).toMatchObject({ state: 'sent', attempts: 2, lease_owner: null })
    await markSent(db, lapsed!, 'dead-tick', T0 + SEC) // the dead tick's late outcome changes nothing
    expect(await row(lapsed!)).toMatchObject({ state: 'sent', attempts: 2, lease_owner: null })
    expect(await row(live!)).toMatchObject({ state: 'sending', lease_owner: 'busy-tick' })
    await deliverDueAlerts(at(T0 + 2 * MIN + SEC))
    expect(got.map((r) => r.id)).toEqual([lapsed, live])
  })

  it('retries a timed-out send later with the same webhook-id', async () => {
    const got = receiver([
      new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      { status: 200 },
    ])
    const [id] = await seed(1)
    await deliverDueAlerts(at(T0))
    expect(got[0]!.signal).toBeInstanceOf(AbortSignal) // the send has a deadline
    expect(await row(id!)).toMatchObject({
      state: 'pending',
      attempts: 1,
      next_attempt_at: T0 + MIN,
      last_error: expect.stringContaining('TimeoutError'),
    })
    await deliverDueAlerts(at(T0 + 30 * SEC))
    expect(got).toHaveLength(1)
    await deliverDueAlerts(at(T0 + MIN))
    expect(got.map((r) => r.id)).toEqual([id, id])
    expect(await row(id!)).toMatchObject({ state: 'sent', attempts: 2 })
  })

  it('honours Retry-After: 3600 on a 429 (Slack) instead of the 1-minute backoff', async () => {
    const got = receiver([{ status: 429, headers: { 'Retry-After': '3600' } }, { status: 200 }])
    const [id] = await seed(1, 'slack')
    await deliverDueAlerts(at(T0))
    const next = (await row(id!))!.next_attempt_at!
    expect(next).toBeGreaterThanOrEqual(T0 + 3600 * SEC)
    expect(next).toBeLessThan(T0 + 3601 * SEC)
    for (const t of [T0 + MIN, T0 + 31 * MIN, T0 + 59 * MIN]) await deliverDueAlerts(at(t))
    expect(got).toHaveLength(1)
    await deliverDueAlerts(at(T0 + HOUR))
    expect(got).toHaveLength(2)
    expect(await row(id!)).toMatchObject({ state: 'sent', attempts: 2 })
  })

  it('reads an HTTP-date Retry-After on a 503 against the Date header, caps it at 6 h, ignores it on a 500', async () => {
    receiver([
      {
        status: 503,
        headers: { Date: new Date(T0 - HOUR).toUTCString(), 'Retry-After': new Date(T0 + HOUR).toUTCString() },
      },
      { status: 429, headers: { 'Retry-After': new Date(T0 + 90 * MIN).toUTCString() } },
      { status: 429, headers: { 'Retry-After': String(7 * 24 * 3600) } },
      { status: 500, headers: { 'Retry-After': '3600' } },
    ])
    const ids = await seed(4, 'slack')
    await deliverDueAlerts(at(T0, { clock: () => T0 }))
    const next = await Promise.all(ids.map(async (id) => (await row(id))!.next_attempt_at! - T0))
    expect(next).toEqual([2 * HOUR, 90 * MIN, RETRY_AFTER_CAP_MS, MIN])
  })

  it('jitters the backoff between half and all of each step, deterministically for a given random', async () => {
    for (const attempts of [1, 2, 3, 4, 5]) {
      const step = 2 ** (attempts - 1) * MIN
      for (const r of [0, 0.1, 0.5, 0.9, 0.999999]) {
        const d = backoffMs(attempts, () => r)
        expect(d).toBeGreaterThanOrEqual(step / 2)
        expect(d).toBeLessThanOrEqual(step)
      }
      expect(backoffMs(attempts, () => 0)).toBe(step)
      expect(backoffMs(attempts, () => 0.5)).toBe(0.75 * step)
    }
    const spread = new Set(Array.from({ length: 50 }, () => backoffMs(4, Math.random)))
    expect(spread.size).toBeGreaterThan(1) // really random by default
    expect(retryDelayMs(1, () => 0.5, 3600 * SEC)).toBe(3600 * SEC)
    expect(retryDelayMs(5, () => 0, 10 * SEC)).toBe(16 * MIN) // a short Retry-After never shortens the backoff
    expect(parseRetryAfter('soon', T0)).toBeNull()
    expect(parseRetryAfter(null, T0)).toBeNull()
    expect(parseRetryAfter(new Date(T0 - MIN).toUTCString(), T0)).toBe(0)

    receiver([{ status: 500 }])
    const [id] = await seed(1)
    await deliverDueAlerts(at(T0, { random: () => 0.5 }))
    expect((await row(id!))!.next_attempt_at).toBe(T0 + 45 * SEC)
  })
})

describe('lead text in Slack and Teams', () => {
  beforeEach(reset)
  afterEach(() => vi.restoreAllMocks())

  /** Control characters other than the newlines the renderer puts in, and bidi controls and marks. */
  // eslint-disable-next-line no-control-regex -- matching control characters is the point of this check
  const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/

  const strings = (v: unknown): string[] =>
    typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []

  const deliverTo = async (kind: 'slack' | 'teams') => {
    const got = receiver([{ status: 200 }])
    const ch = await channel({ name: kind, kind, url: HOOK })
    const r = await rep('Ana Ruiz', { channelId: ch.id })
    const p = await pool('P', [{ repId: r.id }])
    await rule({ name: 'all', kind: 'default', position: 1, poolId: p.id })
    await policy({ name: 'SQL', position: 0, durationMinutes: 60, businessHours: false, warnings: [] })
    // Straight into D1, as data imported before intake cleaned names would be.
    const id = await lead({
      firstName: 'Jo\u202Egnp.exe',
      lastName: 'Doe\u0007\u200F\u2066',
      companyName: 'Acme\r\nInc <b> & Co\u0000',
      title: 'CTO\u001b[31m',
      whyNow: { summary: 'Demo <!channel>\u2028now', at: new Date(T0).toISOString() },
    })
    await handOff(ctxAt(T0), id)
    expect(got).toHaveLength(1)
    return JSON.parse(got[0]!.body) as unknown
  }

  it('strips control and bidi characters and keeps lead text out of mrkdwn in the Slack payload', async () => {
    const msg = (await deliverTo('slack')) as { text: string }
    expect(strings(msg).filter((s) => UNSAFE.test(s))).toEqual([])
    // mrkdwn: the notification text and every mrkdwn element (plain_text, like the header, is shown as is).
    const mrkdwn = (v: unknown): string[] =>
      Array.isArray(v)
        ? v.flatMap(mrkdwn)
        : v && typeof v === 'object'
          ? 'type' in v && v.type === 'mrkdwn' && 'text' in v
            ? [String(v.text)]
            : Object.values(v).flatMap(mrkdwn)
          : []
    const all = [msg.text, ...mrkdwn(msg)].join('\n')
    expect(msg.text).toBe('New lead for Ana Ruiz: Jognp.exe Doe (Acme Inc &lt;b&gt; &amp; Co)')
    expect(all).not.toContain('Demo') // why now is plain_text only
    expect(all).not.toContain('<!channel>')
    expect(all).not.toContain('<b>')
    expect(strings(msg)).toContain('Jognp.exe Doe, CTO[31m at Acme Inc <b> & Co')
    expect(strings(msg)).toContain('Why now: Demo <!channel>now')
  })

  it('strips control and bidi characters from the Teams card', async () => {
    const card = await deliverTo('teams')
    expect(strings(card).filter((s) => UNSAFE.test(s))).toEqual([])
    expect(strings(card)).toContain('Jognp.exe Doe, CTO[31m at Acme Inc <b> & Co')
  })
})
