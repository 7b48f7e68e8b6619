/**
 * Wire shapes of leads, events and the brief (the contract, `../shared/CONTRACT.md`).
 * @module
 */
import { z } from 'zod'
import { cleanText } from '../clean-text'
import { ContentLink } from './criteria'

/** Flat map of extra values: strings, numbers, booleans only. */
export const FlatMap = z.record(z.string().max(200), z.union([z.string().max(10_000), z.number(), z.boolean()]))
export type FlatMap = z.infer<typeof FlatMap>

/** Most `fields` a lead keeps, and the longest text value intake accepts: a lead row stays far below D1's 2 MB. */
export const MAX_FIELDS = 50
export const MAX_FIELD_VALUE = 1024

/** `fields` as intake accepts them: at most 50 keys, text values up to 1 KB. */
export const FieldsInput = z
  .record(z.string().max(200), z.union([z.string().max(MAX_FIELD_VALUE), z.number(), z.boolean()]))
  .refine((f) => Object.keys(f).length <= MAX_FIELDS, { message: `At most ${MAX_FIELDS} fields` })

export const CrmSystem = z.enum(['salesforce', 'hubspot', 'pipedrive'])
export type CrmSystem = z.infer<typeof CrmSystem>

export const CrmRef = z.object({ system: CrmSystem, id: z.string().trim().min(1).max(100) })
export type CrmRef = z.infer<typeof CrmRef>

export const LeadStatus = z.enum([
  'new',
  'mql',
  'sql',
  'assigned',
  'contacted',
  'accepted',
  'disqualified',
  'recycled',
  'converted',
  'won',
  'lost',
])
export type LeadStatus = z.infer<typeof LeadStatus>

const text = (max: number) => z.string().trim().max(max)
/** A name or title: control and bidi-override characters are stripped before the length check. */
const label = (max: number) => z.string().transform(cleanText).pipe(z.string().max(max))

export const CompanyInput = z.object({
  name: label(300).optional(),
  domain: text(253)
    .toLowerCase()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'Expected a domain such as example.com')
    .optional(),
  industry: text(200).optional(),
  employees: z.number().int().min(0).max(10_000_000).optional(),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'Expected an ISO 3166 alpha-2 country code')
    .transform((s) => s.toUpperCase())
    .optional(),
})
export type CompanyInput = z.infer<typeof CompanyInput>

/** `POST /v1/leads` body. */
export const LeadInput = z.object({
  email: z.string().trim().max(320).pipe(z.email()),
  firstName: label(200).optional(),
  lastName: label(200).optional(),
  title: label(300).optional(),
  phone: text(50).optional(),
  linkedinUrl: text(2000)
    .pipe(z.url({ protocol: /^https?$/ }))
    .optional(),
  company: CompanyInput.optional(),
  source: text(200).optional(),
  campaign: text(200).optional(),
  message: text(10_000).optional(),
  crmRefs: z.array(CrmRef).max(20).optional(),
  fields: FieldsInput.optional(),
})
export type LeadInput = z.infer<typeof LeadInput>

/** ISO 8601 with an offset, e.g. 2026-11-23T14:05:00Z. */
export const IsoTime = z.iso.datetime({ offset: true })

/** One engagement event of `POST /v1/events`. */
export const EventInput = z
  .object({
    id: z.string().trim().min(1).max(200),
    email: z.string().trim().max(320).pipe(z.email()).optional(),
    leadId: z.string().min(1).max(100).optional(),
    type: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9_.:-]+$/, 'Use letters, digits and _ . : -'),
    occurredAt: IsoTime,
    properties: z
      .record(z.string().max(200), z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]))
      .optional(),
  })
  .refine((e) => e.email || e.leadId, { message: 'email or leadId is required', path: ['email'] })
export type EventInput = z.infer<typeof EventInput>

/** `POST /v1/events` body: items are validated one by one so one bad event does not reject the batch. */
export const EventsBatch = z.object({ events: z.array(z.unknown()).min(1).max(500) })
export type EventsBatch = z.infer<typeof EventsBatch>

export const EventsResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(
    z.object({ index: z.number().int(), issues: z.array(z.object({ path: z.string(), message: z.string() })) }),
  ),
})
export type EventsResult = z.infer<typeof EventsResult>

export const BreakdownItem = z.object({
  rule: z.string(),
  label: z.string(),
  points: z.number(),
  evidence: z.string(),
})
export type BreakdownItem = z.infer<typeof BreakdownItem>

export const Score = z.object({
  total: z.number(),
  fit: z.number(),
  engagement: z.number(),
  breakdown: z.array(BreakdownItem),
  criteriaVersion: z.number().int().nullable().optional(),
})
export type Score = z.infer<typeof Score>

export const SlaState = z.enum(['running', 'due_soon', 'breached', 'met', 'none'])
export type SlaState = z.infer<typeof SlaState>

export const SlaHistoryItem = z.object({ at: z.string(), kind: z.string(), detail: z.string() })
export type SlaHistoryItem = z.infer<typeof SlaHistoryItem>

export const Sla = z.object({
  policy: z.string().nullable(),
  startedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  /** When the clock turns amber (the last warning point); lets clients tick without the server. */
  dueSoonAt: z.string().nullable().optional(),
  metAt: z.string().nullable(),
  /** When the clock was stopped untouched (the lead was closed, disqualified or recycled); its state is then `none`. */
  stoppedAt: z.string().nullable().optional(),
  state: SlaState,
  history: z.array(SlaHistoryItem).optional(),
})
export type Sla = z.infer<typeof Sla>

export const Assignee = z.object({ id: z.string(), name: z.string(), email: z.string() })
export type Assignee = z.infer<typeof Assignee>

export const TimelineItem = z.object({
  type: z.string(),
  /** Human summary, e.g. "Visited /pricing 4 times". */
  summary: z.string(),
  count: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
  properties: z.record(z.string(), z.unknown()).optional(),
})
export type TimelineItem = z.infer<typeof TimelineItem>

export const Signal = z.object({
  key: z.string(),
  label: z.string(),
  evidence: z.string().optional(),
  content: z.array(ContentLink),
})
export type Signal = z.infer<typeof Signal>

export const Company = z.object({
  name: z.string().nullable(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  employees: z.number().nullable(),
  country: z.string().nullable(),
})
export type Company = z.infer<typeof Company>

/** The lead as every route returns it: who, why now, score, SLA, timeline, interests, objections. */
export const Brief = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  linkedinUrl: z.string().nullable(),
  company: Company,
  status: LeadStatus,
  hot: z.boolean(),
  disqualifiedReason: z.string().nullable().optional(),
  /** The reasons a rep may pick for `disqualified` or `lost`: the criteria's own list. */
  disqualificationReasons: z.array(z.string()).optional(),
  score: Score,
  assignee: Assignee.nullable(),
  sla: Sla,
  whyNow: z.object({ summary: z.string(), at: z.string() }).nullable(),
  timeline: z.array(TimelineItem),
  interests: z.array(Signal),
  objections: z.array(Signal),
  message: z.string().nullable(),
  fields: FlatMap,
  source: z.string().nullable(),
  campaign: z.string().nullable(),
  crmRefs: z.array(CrmRef),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Brief = z.infer<typeof Brief>

export const LeadResponse = z.object({ lead: Brief })
export type LeadResponse = z.infer<typeof LeadResponse>

export const TouchChannel = z.enum(['call', 'email', 'linkedin', 'meeting', 'other'])
export type TouchChannel = z.infer<typeof TouchChannel>

export const TouchInput = z.object({ channel: TouchChannel, note: text(5000).optional() })
export type TouchInput = z.infer<typeof TouchInput>

export const Outcome = z.enum(['accepted', 'disqualified', 'recycled', 'converted', 'won', 'lost'])
export type Outcome = z.infer<typeof Outcome>

export const DispositionInput = z
  .object({
    outcome: Outcome,
    reason: text(200).min(1).optional(),
    note: text(5000).optional(),
    amount: z.number().min(0).max(1e12).optional(),
  })
  .refine((d) => !(d.outcome === 'disqualified' || d.outcome === 'lost') || !!d.reason, {
    message: 'A reason is required for disqualified and lost',
    path: ['reason'],
  })
export type DispositionInput = z.infer<typeof DispositionInput>

export const QueueCounts = z.object({ open: z.number().int(), dueSoon: z.number().int(), overdue: z.number().int() })
export type QueueCounts = z.infer<typeof QueueCounts>

/**
 * The tabs of a rep's queue: leads to contact (awaiting a first touch: the default and the badge's
 * numbers), leads to follow up (touched or accepted, still worked), and leads closed today.
 */
export const QueueView = z.enum(['to_contact', 'follow_up', 'closed_today'])
export type QueueView = z.infer<typeof QueueView>

/** `GET /v1/me/queue?view=`. */
export const QueueQuery = z.object({ view: QueueView.default('to_contact') })

/** `GET /v1/me/queue`: `counts` are always those of "To contact", whatever the tab. */
export const Queue = z.object({
  now: z.string(),
  view: QueueView.optional(),
  leads: z.array(Brief),
  counts: QueueCounts,
})
export type Queue = z.infer<typeof Queue>

/** `GET /v1/leads/lookup` query: exactly one of the three keys. */
export const LookupQuery = z
  .object({
    email: z.string().trim().min(3).max(320).optional(),
    linkedin: z.string().trim().min(1).max(2000).optional(),
    crm: z.string().trim().min(3).max(200).optional(),
  })
  // `crm` with `email`: the record's id first, its email as the fallback (a CRM id Handoff does not know yet).
  .refine((q) => [q.email, q.linkedin, q.crm].filter(Boolean).length === 1 || (q.crm && q.email && !q.linkedin), {
    message: 'Give exactly one of email, linkedin, crm (or crm with email as its fallback)',
    path: ['email'],
  })
export type LookupQuery = z.infer<typeof LookupQuery>
