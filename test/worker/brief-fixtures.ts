/**
 * Shared set-up of the brief/queue/actions/reports tests: a small organisation (reps, a 24/7 pool, SLA
 * policies) written as config rows, and domain contexts at chosen times.
 * @module
 */
import { env } from 'cloudflare:test'
import { createDb } from '../../worker/db/client'
import { calendars, channels, poolMembers, pools, reps, routingRules, slaPolicies } from '../../worker/db/schema'
import type { DomainCtx } from '../../worker/domain/context'

export const db = createDb(env.DB)

/** A domain context whose clock reads `now`. */
export const ctxAt = (now: number, actor = 'test'): DomainCtx => ({ db, env, now, actor })

export const MIN = 60_000
export const HOUR = 60 * MIN
export const DAY = 24 * HOUR

const ALWAYS = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '00:00', end: '24:00' }]]),
)

/**
 * Two reps (`rep_a`, `rep_b`) and a manager in one pool, round the clock; policies: hot 5 min, sql 60 min,
 * both 24/7 with warnings at 50% and 80%, and a reassignment 10 minutes after a first breach.
 */
export const setupOrg = async (prefix: string) => {
  const id = (s: string) => `${prefix}_${s}`
  const repA = { id: id('rep_a'), name: `${prefix} Ana`, email: `${prefix}.ana@seller.test` }
  const repB = { id: id('rep_b'), name: `${prefix} Bo`, email: `${prefix}.bo@seller.test` }
  const manager = { id: id('mgr'), name: `${prefix} Mia`, email: `${prefix}.mia@seller.test` }
  await db.batch([
    db.insert(calendars).values({ id: id('cal'), name: '24/7', timeZone: 'UTC', schedule: ALWAYS }),
    db.insert(channels).values({ id: id('log'), name: 'log', kind: 'log', url: '' }),
    db.insert(reps).values([
      { ...manager, role: 'manager', calendarId: id('cal'), channelId: id('log') },
      { ...repA, managerId: manager.id, calendarId: id('cal'), channelId: id('log') },
      { ...repB, managerId: manager.id, calendarId: id('cal'), channelId: id('log') },
    ]),
    db.insert(pools).values({ id: id('pool'), name: 'All', fallbackRepId: manager.id }),
    db.insert(poolMembers).values([
      { poolId: id('pool'), repId: repA.id, weight: 1 },
      { poolId: id('pool'), repId: repB.id, weight: 1 },
    ]),
    db
      .insert(routingRules)
      .values({ id: id('rule'), position: 1, name: 'everyone', kind: 'default', poolId: id('pool') }),
    db.insert(slaPolicies).values([
      {
        id: id('hot'),
        name: 'Hot',
        position: 0,
        conditions: { hot: true, conditions: [] },
        durationMinutes: 5,
        businessHours: false,
        warnings: [0.5, 0.8],
        escalation: [
          { action: 'alert', on: 'breach', afterMinutes: 0, to: ['rep', 'manager'] },
          { action: 'reassign', on: 'first_breach', afterMinutes: 10 },
        ],
      },
      {
        id: id('sql'),
        name: 'SQL',
        position: 1,
        conditions: { conditions: [] },
        durationMinutes: 60,
        businessHours: false,
        warnings: [0.5, 0.8],
        escalation: [{ action: 'reassign', on: 'first_breach', afterMinutes: 10 }],
      },
    ]),
  ])
  return { repA, repB, manager, poolId: id('pool') }
}

/** A lead that qualifies as SQL on fit alone is not possible with the default criteria: this one is hot. */
export const hotLead = (email: string, extra: Record<string, unknown> = {}) => ({
  email,
  firstName: 'Jane',
  lastName: 'Doe',
  title: 'VP Marketing',
  phone: '+1 555 0100',
  linkedinUrl: 'https://www.linkedin.com/in/jane-doe-1234/',
  company: { name: 'Acme', domain: 'acme.test', industry: 'Software', employees: 400, country: 'US' },
  source: 'webinar',
  campaign: 'q4-launch',
  message: 'We need routing for 40 reps',
  fields: { budget: '50k', seats: 40 },
  ...extra,
})

/** Events that make a lead hot (a demo request) with some engagement before it. */
export const demoRequestEvents = (email: string, at: number, tag: string) => [
  {
    id: `${tag}-pv1`,
    email,
    type: 'page_view',
    occurredAt: new Date(at - 3 * DAY).toISOString(),
    properties: { path: '/pricing' },
  },
  {
    id: `${tag}-pv2`,
    email,
    type: 'page_view',
    occurredAt: new Date(at - 2 * DAY).toISOString(),
    properties: { path: '/pricing/' },
  },
  {
    id: `${tag}-pv3`,
    email,
    type: 'page_view',
    occurredAt: new Date(at - DAY).toISOString(),
    properties: { url: 'https://x.test/pricing?utm=1' },
  },
  {
    id: `${tag}-pv4`,
    email,
    type: 'page_view',
    occurredAt: new Date(at - HOUR).toISOString(),
    properties: { path: '/security' },
  },
  {
    id: `${tag}-dl`,
    email,
    type: 'content_download',
    occurredAt: new Date(at - 2 * HOUR).toISOString(),
    properties: { asset: 'ROI guide' },
  },
  {
    id: `${tag}-demo`,
    email,
    type: 'form_submit',
    occurredAt: new Date(at - MIN).toISOString(),
    properties: { form: 'demo_request' },
  },
]
