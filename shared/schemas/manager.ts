/**
 * Wire shapes of the managers' console (`/v1/manager/...`, `POST /v1/leads/:id/reassign`): the team board,
 * the managers' queue, reassignment and lead search. Roles `manager` and `admin`; reps get 403.
 * Durations are integer milliseconds (`…Ms`), instants ISO 8601 strings with an offset.
 * @module
 */
import { z } from 'zod'
import { Assignee, LeadStatus, SlaState } from './lead'

/** A duration in whole milliseconds, or null when there is nothing to measure. */
const Millis = z.number().int().nullable()

/**
 * A lead in a list (queue, search): enough to recognise it and see where it stands, without the
 * brief's timeline and signals (`GET /v1/leads/:id` and `/:id/journey` give the rest).
 */
export const LeadSummary = z.object({
  id: z.string(),
  email: z.string(),
  /** "First Last", or null when neither is known. */
  name: z.string().nullable(),
  title: z.string().nullable(),
  company: z.string().nullable(),
  status: LeadStatus,
  hot: z.boolean(),
  score: z.object({ total: z.number() }),
  source: z.string().nullable(),
  campaign: z.string().nullable(),
  assignee: Assignee.nullable(),
  /** The current (latest) SLA clock, as in the brief. */
  sla: z.object({
    policy: z.string().nullable(),
    state: SlaState,
    startedAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    breachedAt: z.string().nullable(),
  }),
  /** What crossed the hand-off threshold, in words. */
  whyNow: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type LeadSummary = z.infer<typeof LeadSummary>

/** First touches in one window: how many, and the median time from the rep's own assignment to the touch. */
export const FirstTouchWindow = z.object({
  /** Start of the window (midnight, or Monday midnight, in `timeZone`). */
  from: z.string(),
  touched: z.number().int(),
  medianMs: Millis,
})
export type FirstTouchWindow = z.infer<typeof FirstTouchWindow>

/** One rep's line on the team board. */
export const BoardRep = z.object({
  rep: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(['rep', 'manager']),
    active: z.boolean(),
  }),
  /** The rep's own time zone (`reps.timeZone`, default UTC): "today" and "this week" are counted in it. */
  timeZone: z.string(),
  /** Leads assigned to the rep still awaiting a first touch, by their SLA state (as `GET /v1/me/queue`). */
  counts: z.object({ open: z.number().int(), dueSoon: z.number().int(), overdue: z.number().int() }),
  firstTouch: z.object({ today: FirstTouchWindow, week: FirstTouchWindow }),
  /** Clocks of this rep started this week (rep's zone): met in time against breached. */
  sla: z.object({
    clocks: z.number().int(),
    met: z.number().int(),
    breached: z.number().int(),
    /** met / (met + breached); null when neither. */
    complianceRate: z.number().nullable(),
  }),
  /** `open` is the same count routing checks against `max` (null = unlimited). */
  capacity: z.object({ open: z.number().int(), max: z.number().int().nullable(), full: z.boolean() }),
  outOfOffice: z.object({
    /** Away right now (routing skips the rep). */
    now: z.boolean(),
    /** The range the rep is in now, or the next one ahead; null when none. */
    range: z.object({ start: z.string(), end: z.string() }).nullable(),
  }),
})
export type BoardRep = z.infer<typeof BoardRep>

/**
 * `GET /v1/manager/board`: every rep (active first, then by name). A manager token whose rep has reports
 * (`managerId`) sees the whole team too: managers look across teams when leads fall through.
 */
export const ManagerBoard = z.object({
  now: z.string(),
  reps: z.array(BoardRep),
  /** Sums over `reps`; medians are not summed, see the reports. */
  totals: z.object({ open: z.number().int(), dueSoon: z.number().int(), overdue: z.number().int() }),
})
export type ManagerBoard = z.infer<typeof ManagerBoard>

/**
 * Why a lead is in the managers' queue:
 * - `unassigned`: at the hand-off threshold (status `sql`, or hot) and nobody has it (no eligible rep);
 * - `escalated`: its current clock is breached and still untouched;
 * - `returned`: the rep handed it back (`recycled`) in the last 30 days.
 */
export const QueueReason = z.enum(['unassigned', 'escalated', 'returned'])
export type QueueReason = z.infer<typeof QueueReason>

export const ManagerQueueItem = z.object({
  reason: QueueReason,
  /** Since when it waits: threshold crossing (`unassigned`), breach (`escalated`), recycle (`returned`). */
  since: z.string(),
  lead: LeadSummary,
})
export type ManagerQueueItem = z.infer<typeof ManagerQueueItem>

/** `GET /v1/manager/queue`: oldest waiting first within each reason; counts cover all, items at most 200 per reason. */
export const ManagerQueue = z.object({
  now: z.string(),
  counts: z.object({ unassigned: z.number().int(), escalated: z.number().int(), returned: z.number().int() }),
  items: z.array(ManagerQueueItem),
})
export type ManagerQueue = z.infer<typeof ManagerQueue>

const refId = z.string().trim().min(1).max(100)

/** `GET /v1/manager/pools`: the pools a lead can be sent back to, by name (id and name only). */
export const ManagerPools = z.object({ pools: z.array(z.object({ id: z.string(), name: z.string() })) })
export type ManagerPools = z.infer<typeof ManagerPools>

/**
 * `POST /v1/leads/:id/reassign` body: exactly one of `repId` (that rep) or `poolId` (the pool's weighted round
 * robin, skipping the current rep), and a `reason` (kept in the journey and sent to the new rep).
 * @example ReassignInput.parse({ repId: 'rep_ana', reason: 'Ben is out sick' })
 */
export const ReassignInput = z
  .object({ repId: refId.optional(), poolId: refId.optional(), reason: z.string().trim().min(1).max(500) })
  .superRefine((v, ctx) => {
    if ((v.repId === undefined) === (v.poolId === undefined))
      ctx.addIssue({ code: 'custom', message: 'Give exactly one of repId or poolId', path: ['repId'] })
  })
export type ReassignInput = z.infer<typeof ReassignInput>

/**
 * `POST /v1/leads/:id/reassign` answer (`200`). A pool with nobody eligible is `409` and changes nothing; a closed
 * lead or the rep who already has it is `409` too; an unknown rep or pool `422` at `repId`/`poolId`.
 */
export const ReassignResult = z.object({
  assignment: z.object({
    id: z.string(),
    repId: z.string(),
    repName: z.string(),
    poolId: z.string().nullable(),
    /** Due time of the new clock (the policy's full target from now); null when no clock starts (no policy, or already touched). */
    dueAt: z.string().nullable(),
  }),
  lead: LeadSummary,
})
export type ReassignResult = z.infer<typeof ReassignResult>

/**
 * `GET /v1/manager/leads` query. `q` matches name, email or company (case-insensitive substring);
 * `status` is one status or several, comma-separated; `cursor` is the previous page's `nextCursor`.
 * @example LeadSearchQuery.parse({ q: 'acme', status: 'assigned,contacted' })
 */
export const LeadSearchQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: z
    .string()
    .trim()
    .optional()
    .transform((s) => (s ? s.split(',').map((x) => x.trim()) : undefined))
    .pipe(z.array(LeadStatus).max(11).optional()),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
})
export type LeadSearchQuery = z.infer<typeof LeadSearchQuery>

/** `GET /v1/manager/leads`: newest first; `nextCursor` null on the last page. */
export const LeadSearchPage = z.object({ leads: z.array(LeadSummary), nextCursor: z.string().nullable() })
export type LeadSearchPage = z.infer<typeof LeadSearchPage>
