/**
 * Wire shapes of intake beyond `POST /v1/leads` and `/v1/events`: Segment Spec payloads, intake sources
 * for website forms, the CSV import report, criteria edits and the criteria preview (the admin popup
 * imports these).
 * @module
 */
import { z } from 'zod'
import { CriteriaDocument, LeadFacts, ScoredEvent } from './criteria'
import { ErrorIssue } from './errors'

// ---------------------------------------------------------------------------------------------------------------
// Segment Spec (https://segment.com/docs/connections/spec/common/): lenient about what Segment adds, strict
// about what we read.

const Traits = z.record(z.string(), z.unknown())
const SegmentTime = z.union([z.iso.datetime({ offset: true }), z.iso.datetime({ local: true })])

const SegmentCommon = z.object({
  messageId: z.string().trim().min(1).max(200).optional(),
  timestamp: SegmentTime.optional(),
  originalTimestamp: SegmentTime.optional(),
  sentAt: SegmentTime.optional(),
  userId: z.union([z.string().max(200), z.number()]).nullish(),
  anonymousId: z.union([z.string().max(200), z.number()]).nullish(),
  context: z.object({ traits: Traits.optional() }).loose().optional(),
})

export const SegmentIdentify = SegmentCommon.extend({ type: z.literal('identify'), traits: Traits.default({}) }).loose()
export const SegmentTrack = SegmentCommon.extend({
  type: z.literal('track'),
  event: z.string().trim().min(1).max(200),
  properties: Traits.default({}),
}).loose()
export const SegmentPage = SegmentCommon.extend({
  type: z.literal('page'),
  name: z.string().max(500).nullish(),
  category: z.string().max(500).nullish(),
  properties: Traits.default({}),
}).loose()
export const SegmentGroup = SegmentCommon.extend({
  type: z.literal('group'),
  groupId: z.union([z.string().max(200), z.number()]).nullish(),
  traits: Traits.default({}),
}).loose()

/** One Segment message (`identify`, `track`, `page`, `group`). */
export const SegmentMessage = z.discriminatedUnion('type', [SegmentIdentify, SegmentTrack, SegmentPage, SegmentGroup])
export type SegmentMessage = z.infer<typeof SegmentMessage>

/** `POST /v1/intake/segment` with `{ batch: [...] }`: items are validated one by one. */
export const SegmentBatch = z.object({ batch: z.array(z.unknown()).min(1).max(500) }).loose()
export type SegmentBatch = z.infer<typeof SegmentBatch>

/** The answer of `/v1/events` and `/v1/intake/segment`. */
export const IntakeBatchResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), issues: z.array(ErrorIssue) })),
})
export type IntakeBatchResult = z.infer<typeof IntakeBatchResult>

// ---------------------------------------------------------------------------------------------------------------
// Website form sources

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000)

/** `POST /v1/admin/sources`: a website form source; the server generates its public key. */
export const IntakeSourceInput = z.object({
  name: z.string().trim().min(1).max(200),
  /** The `source` recorded on leads from this form (a `utm_source` field overrides it). */
  source: z.string().trim().min(1).max(200),
  campaign: z.string().trim().min(1).max(200).nullish(),
  /** Where the browser goes after a post (303); absent: 201 JSON. */
  redirectUrl: httpUrl.nullish(),
  active: z.boolean().default(true),
})
export type IntakeSourceInput = z.infer<typeof IntakeSourceInput>

// ---------------------------------------------------------------------------------------------------------------
// CSV import

/** `POST /v1/admin/import` answer. `line` is the 1-based physical line of the CSV where the row starts. */
export const ImportReport = z.object({
  accepted: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), issues: z.array(ErrorIssue) })),
  /** Which CSV column went to which lead field (`fields.<name>` for unknown columns). */
  columns: z.record(z.string(), z.string()),
})
export type ImportReport = z.infer<typeof ImportReport>

// ---------------------------------------------------------------------------------------------------------------
// Criteria edits and preview

/**
 * What a saved or restored criteria version does to leads already open:
 * - `open_leads_now` (the default, v1 behaviour): every open lead is rescored, and those that now reach the
 *   hand-off threshold with no assignee are handed off (clocks start, alerts go out), in a background job: the
 *   save answers 202 with `job` (see `CriteriaJob`), `GET /v1/admin/criteria/jobs/:id` reports its progress;
 * - `new_activity_only`: nothing is rescored at save time; each lead is scored with the new version at its next
 *   intake call or event.
 */
export const CriteriaApply = z.enum(['open_leads_now', 'new_activity_only'])
export type CriteriaApply = z.infer<typeof CriteriaApply>

/** `PUT /v1/admin/criteria`: either `{ document, note?, apply? }` or a bare criteria document (then `?apply=`). */
export const CriteriaEdit = z.object({
  document: CriteriaDocument,
  note: z.string().trim().max(500).optional(),
  apply: CriteriaApply.optional(),
})
export type CriteriaEdit = z.infer<typeof CriteriaEdit>

/** `?apply=` on `PUT /v1/admin/criteria` and restore; a body's `apply` wins over it. */
export const CriteriaApplyQuery = z.object({ apply: CriteriaApply.optional() })
export type CriteriaApplyQuery = z.infer<typeof CriteriaApplyQuery>

/** `POST /v1/admin/criteria/versions/:version/restore` (body optional). */
export const CriteriaRestore = z.object({
  note: z.string().trim().max(500).optional(),
  apply: CriteriaApply.optional(),
})
export type CriteriaRestore = z.infer<typeof CriteriaRestore>

/**
 * What saving a document with `open_leads_now` would do right now, over every open lead (not only the preview's
 * sample): `handOffs` leads would reach the hand-off threshold with no assignee and be handed off, each starting a
 * clock and sending its assignment alert (`alerts`: one per hand-off; a hand-off that finds no eligible rep alerts
 * the managers' channel instead). `leadIds`: the first 100 of them.
 * `POST /v1/admin/criteria/impact` (body: a draft, as for preview) answers `{ impact }`; the preview carries it too.
 */
export const HandOffImpact = z.object({
  openLeads: z.number().int(),
  changed: z.number().int(),
  handOffs: z.number().int(),
  alerts: z.number().int(),
  leadIds: z.array(z.string()),
})
export type HandOffImpact = z.infer<typeof HandOffImpact>

/**
 * `GET /v1/admin/criteria/jobs/:id`: a criteria change applied to open leads in the background. `total`: open
 * leads when it started (set to those actually read when it ends); `done`: leads rescored so far; `changed`:
 * those whose score or status changed; `handedOff`: hand-offs made. `status`: `queued`, `running`, `done`, or `failed` when a chunk kept failing after the
 * queue's retries (then `error` says why; the leads rescored before it keep their new scores).
 */
export const CriteriaJob = z.object({
  id: z.string(),
  version: z.number().int(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  total: z.number().int(),
  done: z.number().int(),
  changed: z.number().int(),
  handedOff: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type CriteriaJob = z.infer<typeof CriteriaJob>

export const CriteriaVersionSummary = z.object({
  version: z.number().int(),
  note: z.string().nullable(),
  author: z.string(),
  createdAt: z.string(),
  restoredFrom: z.number().int().nullable(),
  current: z.boolean(),
})
export type CriteriaVersionSummary = z.infer<typeof CriteriaVersionSummary>

export const PreviewStage = z.enum(['new', 'mql', 'sql'])
export type PreviewStage = z.infer<typeof PreviewStage>

/** `POST /v1/admin/criteria/preview?limit=` query (default 500, at most 5000 recent leads). */
export const PreviewQuery = z.object({ limit: z.coerce.number().int().min(1).max(5000).default(500) })
export type PreviewQuery = z.infer<typeof PreviewQuery>

/** A lead whose stage differs between the current criteria and the draft. */
export const PreviewMove = z.object({
  leadId: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  from: PreviewStage,
  to: PreviewStage,
  currentScore: z.number(),
  draftScore: z.number(),
  /** Label of the rule whose points changed the most (absent when none did, e.g. thresholds moved). */
  rule: z.string().optional(),
})
export type PreviewMove = z.infer<typeof PreviewMove>

/** A lead as the popup's live preview needs it: facts and compact events for the shared `score()`. */
export const PreviewSampleLead = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  status: z.string(),
  /** Latest disposition outcome (and reason) if any. */
  outcome: z.object({ outcome: z.string(), reason: z.string().nullable() }).nullable(),
  facts: LeadFacts,
  /** Newest 200 events at most. */
  events: z.array(ScoredEvent),
})
export type PreviewSampleLead = z.infer<typeof PreviewSampleLead>

const StageCounts = z.object({ mql: z.number().int(), sql: z.number().int() })

/**
 * `POST /v1/admin/criteria/preview` answer. `mql` counts leads at MQL or above, `sql` those at SQL.
 * `outcomes` counts, among leads the draft newly qualifies (≥ MQL) or drops, their latest disposition
 * outcome, or their status when they have none: the admin sees whether the draft lets in what sales rejected.
 */
export const CriteriaPreview = z.object({
  now: z.string(),
  leads: z.number().int(),
  current: StageCounts.extend({ version: z.number().int() }),
  draft: StageCounts,
  moved: z.array(PreviewMove),
  outcomes: z.object({
    gained: z.record(z.string(), z.number().int()),
    dropped: z.record(z.string(), z.number().int()),
  }),
  sample: z.array(PreviewSampleLead),
  /** Saving this draft with `open_leads_now` would do this (optional for clients written before it). */
  impact: HandOffImpact.optional(),
})
export type CriteriaPreview = z.infer<typeof CriteriaPreview>
