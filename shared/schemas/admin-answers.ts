/**
 * What the admin configuration routes answer (`GET`/`POST`/`PUT /v1/admin/...`): the stored rows as the
 * console reads them. Inputs are in `admin.ts`, `auth.ts` and `sources.ts`; these are the outputs, loose
 * enough that a field the worker adds later does not break an older extension.
 * @module
 */
import { z } from 'zod'
import { Role } from './auth'
import { Condition } from './criteria'
import { OutboundEventType } from './outbound-events'
import { EscalationStep, OutOfOffice, SlaMatch } from './admin'
import { WeeklySchedule } from '../time/calendar'

const id = z.string().min(1)
const Instant = z.string().nullable()

/**
 * A rep or manager (`{ rep }`, `{ reps: [] }`).
 * @example RepAnswer.parse({ id: 'rep_1', name: 'Ana', email: 'ana@acme.io', role: 'rep', … })
 */
export const RepAnswer = z.object({
  id,
  name: z.string(),
  email: z.string(),
  role: z.enum(['rep', 'manager']),
  managerId: z.string().nullable(),
  timeZone: z.string(),
  calendarId: z.string().nullable(),
  active: z.boolean(),
  outOfOffice: z.array(OutOfOffice),
  capacity: z.number().nullable(),
  weight: z.number(),
  channelId: z.string().nullable(),
  crmOwnerIds: z.array(z.string()),
})
export type RepAnswer = z.infer<typeof RepAnswer>

/** A business-hours calendar (`{ calendar }`). */
export const CalendarAnswer = z.object({
  id,
  name: z.string(),
  timeZone: z.string(),
  schedule: WeeklySchedule,
  holidays: z.array(z.string()),
})
export type CalendarAnswer = z.infer<typeof CalendarAnswer>

/** A round-robin pool with its members (`{ pool }`). */
export const PoolAnswer = z.object({
  id,
  name: z.string(),
  respectWorkingHours: z.boolean(),
  fallbackRepId: z.string().nullable(),
  members: z.array(z.object({ repId: z.string(), weight: z.number().nullable() })),
})
export type PoolAnswer = z.infer<typeof PoolAnswer>

/** An ordered routing rule (`{ rule }`, `{ rules }`). */
export const RoutingRuleAnswer = z.object({
  id,
  name: z.string(),
  kind: z.enum(['account', 'territory', 'default']),
  position: z.number(),
  conditions: z.array(Condition),
  poolId: z.string().nullable(),
  active: z.boolean(),
})
export type RoutingRuleAnswer = z.infer<typeof RoutingRuleAnswer>

/** An SLA policy (`{ policy }`, `{ policies }`). */
export const SlaPolicyAnswer = z.object({
  id,
  name: z.string(),
  position: z.number(),
  match: SlaMatch,
  durationMinutes: z.number(),
  businessHours: z.boolean(),
  warnings: z.array(z.number()),
  escalation: z.array(EscalationStep),
})
export type SlaPolicyAnswer = z.infer<typeof SlaPolicyAnswer>

/** An alert channel: the secret is write-only, `hasSecret` says whether one is set. */
export const ChannelAnswer = z.object({
  id,
  name: z.string(),
  kind: z.enum(['slack', 'teams', 'webhook', 'log']),
  url: z.string(),
  hasSecret: z.boolean(),
  events: z.array(OutboundEventType.or(z.string())),
})
export type ChannelAnswer = z.infer<typeof ChannelAnswer>

/** `POST /v1/admin/channels/:id/test`: whether the test message reached the channel. */
export const ChannelTestAnswer = z.object({
  delivered: z.boolean(),
  /** Why not (`HTTP 404 from slack channel chn_1`, a timeout…). */
  error: z.string().nullable(),
})
export type ChannelTestAnswer = z.infer<typeof ChannelTestAnswer>

/** A token as listed (`GET /v1/admin/tokens`): never the secret or its hash. */
export const TokenAnswer = z.object({
  id,
  name: z.string(),
  role: Role,
  repId: z.string().nullable(),
  createdAt: Instant,
  lastUsedAt: Instant,
  expiresAt: Instant,
  revokedAt: Instant,
})
export type TokenAnswer = z.infer<typeof TokenAnswer>

/** `POST /v1/admin/tokens` `201`: the token itself, shown this once. */
export const IssuedTokenAnswer = z.object({
  id,
  token: z.string().min(1),
  role: Role,
  name: z.string(),
  repId: z.string().nullable().optional(),
  expiresAt: Instant.optional(),
})
export type IssuedTokenAnswer = z.infer<typeof IssuedTokenAnswer>
