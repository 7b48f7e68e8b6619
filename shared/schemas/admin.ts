/**
 * Admin configuration of assignment and SLA: reps, calendars, pools, routing rules, accounts, SLA policies
 * with their escalation chains, and alert channels (`/v1/admin/...`, see docs/assignment.md).
 * The admin popup and the docs use the same schemas.
 * @module
 */
import { z } from 'zod'
import { OutboundEventType } from './outbound-events'
import { Calendar, TimeZone } from '../time/calendar'
import { Condition } from './criteria'
import { LeadStatus } from './lead'

const name = z.string().trim().min(1).max(200)
const refId = z.string().trim().min(1).max(100)

/** An ISO 8601 time with an offset. */
const Instant = z.iso.datetime({ offset: true })

/** One out-of-office range, `start` inclusive, `end` exclusive. */
export const OutOfOffice = z
  .object({ start: Instant, end: Instant })
  .refine((r) => Date.parse(r.start) < Date.parse(r.end), { message: 'start must be before end', path: ['end'] })
export type OutOfOffice = z.infer<typeof OutOfOffice>

/**
 * A rep or a manager (`POST /v1/admin/reps`).
 * @example RepInput.parse({ name: 'Ana', email: 'ana@acme.io', weight: 2, capacity: 10, calendarId: 'cal_ny' })
 */
export const RepInput = z.object({
  name,
  email: z.string().trim().max(320).pipe(z.email()),
  role: z.enum(['rep', 'manager']).default('rep'),
  managerId: refId.nullable().default(null),
  timeZone: TimeZone.default('UTC'),
  calendarId: refId.nullable().default(null),
  active: z.boolean().default(true),
  outOfOffice: z.array(OutOfOffice).max(100).default([]),
  /** Most open, untouched leads at once; null = unlimited. */
  capacity: z.number().int().min(0).max(100_000).nullable().default(null),
  weight: z.number().int().min(1).max(1000).default(1),
  channelId: refId.nullable().default(null),
  /**
   * The rep's owner ids in the CRMs, `system:id` (`hubspot:31415`, `pipedrive:8`, `salesforce:005…`): a call
   * logged in the CRM by that owner is credited to this rep.
   */
  crmOwnerIds: z
    .array(
      z
        .string()
        .trim()
        .regex(/^(hubspot|pipedrive|salesforce):[A-Za-z0-9_-]{1,100}$/, 'Use system:id'),
    )
    .max(20)
    .default([]),
})
export type RepInput = z.infer<typeof RepInput>

export const Rep = RepInput.extend({ id: z.string() })
export type Rep = z.infer<typeof Rep>

/** A business-hours calendar with a name (`POST /v1/admin/calendars`). */
export const CalendarInput = Calendar.extend({ name })
export type CalendarInput = z.infer<typeof CalendarInput>

export const PoolMemberInput = z.object({
  repId: refId,
  /** Overrides the rep's own weight inside this pool. */
  weight: z.number().int().min(1).max(1000).nullable().default(null),
})
export type PoolMemberInput = z.infer<typeof PoolMemberInput>

/**
 * A pool distributes leads by smooth weighted round robin (`POST /v1/admin/pools`).
 * @example PoolInput.parse({ name: 'EMEA', members: [{ repId: 'rep_a', weight: 2 }, { repId: 'rep_b' }] })
 */
export const PoolInput = z
  .object({
    name,
    /** Skip reps outside their calendar's working hours. */
    respectWorkingHours: z.boolean().default(false),
    /** Who gets the lead when no member can take it (else the managers' queue). */
    fallbackRepId: refId.nullable().default(null),
    members: z.array(PoolMemberInput).max(500).default([]),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>()
    p.members.forEach((m, i) => {
      if (seen.has(m.repId))
        ctx.addIssue({ code: 'custom', message: 'Duplicate member', path: ['members', i, 'repId'] })
      seen.add(m.repId)
    })
  })
export type PoolInput = z.infer<typeof PoolInput>

/**
 * An ordered routing rule; first match wins. `account` sends a lead whose company domain has an owner to that
 * owner; `territory` sends leads matching all conditions to a pool; `default` always sends to its pool.
 * @example RoutingRuleInput.parse({ name: 'DACH', kind: 'territory', position: 2, poolId: 'pool_emea',
 *   conditions: [{ op: 'in', field: 'company.country', values: ['DE', 'AT', 'CH'] }] })
 */
export const RoutingRuleInput = z
  .object({
    name,
    kind: z.enum(['account', 'territory', 'default']),
    position: z.number().int().min(0).max(1_000_000),
    conditions: z.array(Condition).max(50).default([]),
    poolId: refId.nullable().default(null),
    active: z.boolean().default(true),
  })
  .refine((r) => r.kind === 'account' || !!r.poolId, {
    message: 'territory and default rules need a poolId',
    path: ['poolId'],
  })
export type RoutingRuleInput = z.infer<typeof RoutingRuleInput>

/** A named account: leads of this domain go to its owner (`POST /v1/admin/accounts`, bulk). */
export const AccountInput = z.object({
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .max(253)
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'Expected a domain such as example.com'),
  name: z.string().trim().max(300).nullable().default(null),
  ownerRepId: refId,
})
export type AccountInput = z.infer<typeof AccountInput>

export const AccountsImport = z.object({ accounts: z.array(AccountInput).min(1).max(5000) })
export type AccountsImport = z.infer<typeof AccountsImport>

/**
 * Which leads an SLA policy applies to. Every given part must hold: `hot` equals the lead's hot flag,
 * `status` contains its status at hand-off, and every condition matches.
 * @example SlaMatch.parse({ hot: true }) // demo requests
 */
export const SlaMatch = z.object({
  hot: z.boolean().optional(),
  status: z.array(LeadStatus).min(1).max(11).optional(),
  conditions: z.array(Condition).max(50).default([]),
})
export type SlaMatch = z.infer<typeof SlaMatch>

/** Who an escalation alert goes to: the assignee, the assignee's manager, or the managers' channel. */
export const Recipient = z.enum(['rep', 'manager', 'managers_channel'])
export type Recipient = z.infer<typeof Recipient>

/**
 * Which breach of the lead a step reacts to: `breach` every breach, `first_breach` only the first clock's,
 * `second_breach` the second and later (after a reassignment).
 */
export const BreachTrigger = z.enum(['breach', 'first_breach', 'second_breach'])
export type BreachTrigger = z.infer<typeof BreachTrigger>

/**
 * One step of an escalation chain: data, not code. `afterMinutes` counts wall-clock minutes after the breach.
 * @example [{ on: 'breach', afterMinutes: 0, action: 'alert', to: ['rep', 'manager'] },
 *   { on: 'first_breach', afterMinutes: 30, action: 'reassign' },
 *   { on: 'second_breach', afterMinutes: 0, action: 'alert', to: ['managers_channel'] }]
 */
export const EscalationStep = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('alert'),
    on: BreachTrigger.default('breach'),
    afterMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 30)
      .default(0),
    to: z.array(Recipient).min(1).max(3),
  }),
  z.object({
    action: z.literal('reassign'),
    on: BreachTrigger.default('breach'),
    afterMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 30)
      .default(0),
  }),
  /**
   * The stale-lead lifecycle: a lead still untouched this long after its breach is recycled (status
   * `recycled`, clock stopped, the rep and their manager told, the journey says why). It leaves the rep's
   * queue and badge and shows in the managers' queue as returned. Usually the last step of the chain.
   */
  z.object({
    action: z.literal('recycle'),
    on: BreachTrigger.default('breach'),
    afterMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 90)
      .default(60 * 24 * 3),
  }),
])
export type EscalationStep = z.infer<typeof EscalationStep>

/**
 * An SLA policy, chosen by ordered `position` (first match wins).
 * @example SlaPolicyInput.parse({ name: 'Hot', position: 0, match: { hot: true }, durationMinutes: 5, businessHours: false })
 */
export const SlaPolicyInput = z.object({
  name,
  position: z.number().int().min(0).max(1_000_000),
  match: SlaMatch.default({ conditions: [] }),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 90),
  /** Count only the assignee's working hours (else round the clock). */
  businessHours: z.boolean().default(true),
  /** Fractions of the duration at which the rep is warned. */
  warnings: z
    .array(z.number().gt(0).lt(1))
    .max(10)
    .default([0.5, 0.8])
    .refine((w) => new Set(w).size === w.length, 'Duplicate warning point'),
  escalation: z.array(EscalationStep).max(20).default([]),
})
export type SlaPolicyInput = z.infer<typeof SlaPolicyInput>

/** `mailto:` and 1 to 50 comma-separated addresses (no query part: subject and body are the alert's). */
const MAILTO =
  /^mailto:[^\s@<>,;?"]+@[^\s@<>,;?"]+\.[^\s@<>,;?"]+(?:,[^\s@<>,;?"]+@[^\s@<>,;?"]+\.[^\s@<>,;?"]+){0,49}$/

/**
 * An alert channel. `log` writes a line to the worker's console (demo); `webhook` is signed per Standard Webhooks
 * with `secret` (`whsec_` + base64); `email` sends through the worker's `send_email` binding to the recipients of
 * its `url`, a `mailto:` URI (`mailto:ana@acme.io,sales-leads@acme.io`, at most 50).
 * @example ChannelInput.parse({ name: 'Ana by email', kind: 'email', url: 'mailto:ana@acme.io' })
 */
export const ChannelInput = z
  .object({
    name,
    kind: z.enum(['slack', 'teams', 'webhook', 'email', 'log']),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .or(z.string().trim().max(2000).regex(MAILTO, 'Expected mailto: followed by comma-separated addresses'))
      .or(z.literal(''))
      .default(''),
    secret: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'Expected whsec_ followed by base64')
      .max(200)
      .nullable()
      .default(null),
    /**
     * Outbound lead events this channel subscribes to (webhook channels only): each is sent as its own signed
     * message, whoever the alerts go to. `[]` = alerts only.
     */
    events: z
      .array(OutboundEventType)
      .max(OutboundEventType.options.length)
      .refine((e) => new Set(e).size === e.length, 'Duplicate event type')
      .default([]),
  })
  .refine((c) => c.kind === 'log' || c.url !== '', { message: 'A url is required', path: ['url'] })
  .refine((c) => (c.kind === 'email') === c.url.startsWith('mailto:') || c.kind === 'log', {
    message: 'Email channels take a mailto: url, other channels an http(s) one',
    path: ['url'],
  })
  .refine((c) => c.kind !== 'webhook' || !!c.secret, { message: 'Webhook channels need a secret', path: ['secret'] })
  .refine((c) => c.kind === 'webhook' || !c.events.length, {
    message: 'Only webhook channels receive events',
    path: ['events'],
  })
export type ChannelInput = z.infer<typeof ChannelInput>

/** `PUT /v1/admin/settings/managers-channel`. */
export const ManagersChannelInput = z.object({ channelId: refId.nullable() })
export type ManagersChannelInput = z.infer<typeof ManagersChannelInput>

export const AlertState = z.enum(['pending', 'sending', 'sent', 'failed'])
export type AlertState = z.infer<typeof AlertState>

/** `GET /v1/admin/alerts` query. */
export const AlertsQuery = z.object({
  state: AlertState.optional(),
  leadId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export type AlertsQuery = z.infer<typeof AlertsQuery>
