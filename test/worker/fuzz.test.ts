/**
 * Property tests (fast-check): generated and mutated payloads thrown at every intake route and the admin
 * create routes, including field names taken from `Object.prototype`. Whatever arrives: never a 5xx, a
 * rejection always has the error shape, and a rejected request leaves the database as it was.
 */
import { env } from 'cloudflare:test'
import { exports } from 'cloudflare:workers'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, issueToken } from './helpers'

const TABLES = [
  'leads',
  'events',
  'lead_history',
  'assignments',
  'sla_clocks',
  'reps',
  'pools',
  'routing_rules',
  'sla_policies',
  'channels',
  'criteria_versions',
  'api_tokens',
  'sources',
]
let tables: string[] = []
/** Every row of the tables a request could write (those that exist in this schema). */
const dump = async () => {
  const out: Record<string, unknown[]> = {}
  for (const t of tables) out[t] = (await env.DB.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()).results
  return out
}

/** Names a naive `obj[name]` would resolve on any object. */
const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
  '__lookupSetter__',
  'propertyIsEnumerable',
  'toLocaleString',
]
const key = fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 12 }))

/** A valid-looking payload with one part replaced, one key added (often a prototype name), or nothing kept. */
const mutate = (seed: Record<string, unknown>) =>
  fc.oneof(
    fc.record({ k: fc.constantFrom(...Object.keys(seed)), v: fc.jsonValue() }).map(({ k, v }) => ({ ...seed, [k]: v })),
    fc.record({ k: key, v: fc.jsonValue() }).map(({ k, v }) => JSON.parse(JSON.stringify({ ...seed, [k]: v }))),
    fc
      .record({ k: key, v: fc.jsonValue() })
      .map(({ k, v }) => `{"${k.replace(/["\\]/g, '')}": ${JSON.stringify(v)}, ${JSON.stringify(seed).slice(1)}`),
    fc.jsonValue(),
    fc.string({ maxLength: 40 }),
  )

const NOW = new Date().toISOString()
const ROUTES: Array<{
  path: string
  method?: string
  token: () => string
  seed: Record<string, unknown>
}> = []
let intake = ''

beforeAll(async () => {
  const names = (await env.DB.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all<{ name: string }>())
    .results
  tables = TABLES.filter((t) => names.some((n) => n.name === t))
  intake = await issueToken('intake')
  const admin = () => 'test-admin-token-0123456789abcdef0123'
  ROUTES.push(
    {
      path: '/v1/leads',
      token: () => intake,
      seed: { email: 'fuzz@fuzz.test', firstName: 'Fu', company: { name: 'Zz' } },
    },
    {
      path: '/v1/events',
      token: () => intake,
      seed: {
        events: [{ id: 'f1', email: 'fuzz@fuzz.test', type: 'page_view', occurredAt: NOW, properties: { path: '/p' } }],
      },
    },
    {
      path: '/v1/intake/segment',
      token: () => intake,
      seed: { type: 'identify', messageId: 'm1', userId: 'u1', traits: { email: 'fuzz@fuzz.test' }, timestamp: NOW },
    },
    { path: '/v1/admin/reps', token: admin, seed: { name: 'Fuzz', email: 'rep@fuzz.test', timeZone: 'UTC' } },
    { path: '/v1/admin/pools', token: admin, seed: { name: 'Fuzz pool', members: [] } },
    {
      path: '/v1/admin/routing-rules',
      token: admin,
      seed: { name: 'R', kind: 'default', position: 0, poolId: 'none' },
    },
    {
      path: '/v1/admin/sla-policies',
      token: admin,
      seed: { name: 'S', position: 0, durationMinutes: 5, businessHours: false },
    },
    { path: '/v1/admin/channels', token: admin, seed: { name: 'C', kind: 'log', events: ['assigned'] } },
    { path: '/v1/admin/tokens', token: admin, seed: { role: 'intake', name: 'T' } },
    // New activity only: an accepted mutant starts no rescoring job that would write while later cases run.
    {
      path: '/v1/admin/criteria?apply=new_activity_only',
      method: 'PUT',
      token: admin,
      seed: { thresholds: { mql: 40, sql: 70 }, rules: [] },
    },
  )
})

type Answer = { status: number; body: unknown }
const send = async (path: string, method: string, token: string, body: string): Promise<Answer> => {
  const res = await api(path, { method, token, body, headers: { 'Content-Type': 'application/json' } })
  return { status: res.status, body: await res.json().catch(() => null) }
}

/** A rejection names a machine-readable code and a message; a validation failure its field paths. */
const expectErrorShape = ({ status, body }: Answer) => {
  expect(status).toBeLessThan(500)
  if (status < 400) return
  const error = (body as { error?: { code?: unknown; message?: unknown; issues?: unknown } } | null)?.error
  expect(typeof error?.code, JSON.stringify(body)).toBe('string')
  expect(typeof error?.message).toBe('string')
  // `issues` comes with validation failures (422), each with a path; other refusals may omit it.
  if (status === 422) expect(Array.isArray(error?.issues)).toBe(true)
  if (error?.issues !== undefined)
    for (const issue of error.issues as Array<{ path?: unknown }>) expect(typeof issue.path).toBe('string')
}

describe('fuzzing the write routes', () => {
  it(
    'JSON routes: never a 5xx, always the error shape, nothing stored on a rejection',
    { timeout: 240_000 },
    async () => {
      const seen: Record<string, Record<number, number>> = {}
      for (const route of ROUTES) {
        const statuses: Record<number, number> = (seen[route.path] = {})
        await fc.assert(
          fc.asyncProperty(mutate(route.seed), async (payload) => {
            const body = typeof payload === 'string' ? payload : JSON.stringify(payload)
            const before = await dump()
            const answer = await send(route.path, route.method ?? 'POST', route.token(), body)
            statuses[answer.status] = (statuses[answer.status] ?? 0) + 1
            expectErrorShape(answer)
            if (answer.status >= 400) expect(await dump(), `${route.path} ${answer.status}`).toEqual(before)
          }),
          { numRuns: 25, seed: 20261204 },
        )
      }
      console.log(`[fuzz] statuses per route: ${JSON.stringify(seen)}`)
    },
  )

  it('the public form: any field names, prototype names included, never break it', { timeout: 120_000 }, async () => {
    const created = await api('/v1/admin/sources', { json: { name: 'Fuzz form', source: 'fuzz' } })
    expect(created.status).toBe(201)
    const { source } = (await created.json()) as { source: { key: string } }
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, fc.string({ maxLength: 30 })), { maxLength: 8 }), async (pairs) => {
        const before = await dump()
        const res = await exports.default.fetch(
          new Request(`http://handoff.test/v1/intake/form/${source.key}`, {
            method: 'POST',
            redirect: 'manual',
            body: new URLSearchParams([['email', 'form@fuzz.test'], ...pairs]).toString(),
            headers: {
              'Content-Type': 'application/x-www-form-urlencoded',
              'CF-Connecting-IP': `10.0.0.${pairs.length}`,
            },
          }),
        )
        expect(res.status).toBeLessThan(500)
        if (res.status >= 400) expect(await dump()).toEqual(before)
      }),
      { numRuns: 30, seed: 20261204 },
    )
  })
})
