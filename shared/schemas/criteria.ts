/**
 * The criteria document: the one shared definition of "qualified". Marketing ops edit it, the worker
 * scores with it, the admin popup previews it. Only declarative operators: no admin-supplied regular
 * expressions are ever evaluated on lead input (no catastrophic backtracking).
 * @module
 */
import { z } from 'zod'

const id = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Use lower-case letters, digits, _ and -')
const label = z.string().trim().min(1).max(200)
const word = z.string().trim().min(1).max(100)
/** A `contains_any` word: matching is by letter/digit tokens, so a word without any could never match. */
const matchWord = word.refine((w) => /[\p{L}\p{N}]/u.test(w), 'A word needs at least one letter or digit')

/**
 * A lead field a condition reads: person/company fields, `email_domain` (derived), or `fields.<key>`.
 * @example 'company.employees' | 'title' | 'email_domain' | 'fields.budget'
 */
/** The named lead fields, in the order the criteria editor lists them. */
export const NamedLeadField = z.enum([
  'title',
  'email',
  'email_domain',
  'company.name',
  'company.domain',
  'company.industry',
  'company.employees',
  'company.country',
  'source',
  'campaign',
  'message',
  'phone',
  'firstName',
  'lastName',
  'linkedinUrl',
])

export const LeadField = z.union([
  NamedLeadField,
  z.string().regex(/^fields\.[A-Za-z0-9_.-]{1,100}$/, 'Expected a known field or fields.<key>'),
])
export type LeadField = z.infer<typeof LeadField>

const scalar = z.union([z.string().max(500), z.number(), z.boolean()])

/** A test on one lead field. Comparisons of text are case-insensitive. */
export const Condition = z.discriminatedUnion('op', [
  z.object({ op: z.literal('equals'), field: LeadField, value: scalar }),
  z.object({
    op: z.literal('in'),
    field: LeadField,
    values: z
      .array(z.union([z.string().max(500), z.number()]))
      .min(1)
      .max(1000),
  }),
  /** True when the field contains any of the words (whole words, case-insensitive). */
  z.object({ op: z.literal('contains_any'), field: LeadField, words: z.array(matchWord).min(1).max(500) }),
  z
    .object({ op: z.literal('range'), field: LeadField, min: z.number().optional(), max: z.number().optional() })
    .refine((r) => r.min !== undefined || r.max !== undefined, { message: 'Give min, max or both', path: ['min'] })
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
      message: 'min must not exceed max',
      path: ['max'],
    }),
  z.object({ op: z.literal('exists'), field: LeadField }),
])
export type Condition = z.infer<typeof Condition>

/** A test on one event property (`path`, `url`, `asset`…). */
export const PropertyCondition = z.discriminatedUnion('op', [
  z.object({ op: z.literal('equals'), property: word, value: scalar }),
  z.object({
    op: z.literal('in'),
    property: word,
    values: z
      .array(z.union([z.string().max(500), z.number()]))
      .min(1)
      .max(1000),
  }),
  z.object({ op: z.literal('contains_any'), property: word, words: z.array(matchWord).min(1).max(500) }),
  /** For URL paths: `/pricing` matches `/pricing` and `/pricing/enterprise`, not `/pricingx`. */
  z.object({ op: z.literal('starts_with'), property: word, prefix: z.string().min(1).max(500) }),
  z.object({ op: z.literal('exists'), property: word }),
])
export type PropertyCondition = z.infer<typeof PropertyCondition>

/** Points when the lead matches (negative rules carry negative points). */
export const FitRule = z.object({ id, label, when: Condition, points: z.number().min(-1000).max(1000) })
export type FitRule = z.infer<typeof FitRule>

/** Points per matching event, capped per rule, decayed by age (half-life in days, evaluated at scoring time). */
export const EngagementRule = z.object({
  id,
  label,
  eventType: word,
  where: z.array(PropertyCondition).max(20).default([]),
  points: z.number().min(-1000).max(1000),
  cap: z.number().min(0).max(10_000),
  /** null or absent: no decay. */
  halfLifeDays: z.number().positive().max(3650).nullable().optional(),
})
export type EngagementRule = z.infer<typeof EngagementRule>

/** A match that takes the lead out of the funnel, with the reason a rep reads. */
export const Disqualifier = z.object({ id, label, reason: z.string().trim().min(1).max(300), when: Condition })
export type Disqualifier = z.infer<typeof Disqualifier>

/** An event that makes the lead "hot" (e.g. a demo request): handed off at once, on the fastest SLA. */
export const HotSignal = z.object({
  id,
  label,
  eventType: word,
  where: z.array(PropertyCondition).max(20).default([]),
  /** Only events this recent count; absent = any time. */
  withinDays: z.number().positive().max(3650).optional(),
})
export type HotSignal = z.infer<typeof HotSignal>

export const ContentLink = z.object({
  title: z.string().trim().min(1).max(200),
  url: z.url({ protocol: /^https?$/ }).max(2000),
})

/** Interest and objection rules over engagement, each linked to enablement content ("objection busters"). */
export const SignalRule = z.object({
  id,
  kind: z.enum(['interest', 'objection']),
  label,
  eventType: word.optional(),
  where: z.array(PropertyCondition).max(20).default([]),
  content: z.array(ContentLink).max(10).default([]),
})
export type SignalRule = z.infer<typeof SignalRule>

export const Thresholds = z
  .object({ mql: z.number().min(0).max(100_000), sql: z.number().min(0).max(100_000) })
  .refine((t) => t.sql >= t.mql, { message: 'The SQL threshold must be at least the MQL threshold', path: ['sql'] })
export type Thresholds = z.infer<typeof Thresholds>

const uniqueIds = (rules: Array<{ id: string }>, ctx: z.RefinementCtx, key: string) => {
  const seen = new Set<string>()
  rules.forEach((r, i) => {
    if (seen.has(r.id)) ctx.addIssue({ code: 'custom', message: `Duplicate rule id "${r.id}"`, path: [key, i, 'id'] })
    seen.add(r.id)
  })
}

/** The criteria document as edited (`PUT /v1/admin/criteria`). */
export const CriteriaDocument = z
  .object({
    name: z.string().trim().max(200).optional(),
    fit: z.array(FitRule).max(200).default([]),
    engagement: z.array(EngagementRule).max(200).default([]),
    negative: z.array(FitRule).max(200).default([]),
    disqualifiers: z.array(Disqualifier).max(200).default([]),
    thresholds: Thresholds,
    hot: z.array(HotSignal).max(50).default([]),
    signals: z.array(SignalRule).max(200).default([]),
    /** Reasons a rep picks from when disqualifying or marking lost. */
    disqualificationReasons: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  })
  .superRefine((doc, ctx) => {
    for (const key of ['fit', 'engagement', 'negative', 'disqualifiers', 'hot', 'signals'] as const)
      uniqueIds(doc[key], ctx, key)
    doc.negative.forEach((r, i) => {
      if (r.points > 0)
        ctx.addIssue({
          code: 'custom',
          message: 'Negative rules take points below zero',
          path: ['negative', i, 'points'],
        })
    })
  })
export type CriteriaDocument = z.infer<typeof CriteriaDocument>
/** What an admin sends (defaults not yet applied). */
export type CriteriaDocumentInput = z.input<typeof CriteriaDocument>

/** A stored version (`GET /v1/admin/criteria`). */
export const CriteriaVersion = z.object({
  version: z.number().int(),
  document: CriteriaDocument,
  note: z.string().nullable(),
  author: z.string(),
  createdAt: z.string(),
  restoredFrom: z.number().int().nullable(),
})
export type CriteriaVersion = z.infer<typeof CriteriaVersion>

/** The facts about a lead that conditions and `score()` read (plain data, no storage concerns). */
export const LeadFacts = z.object({
  email: z.string(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  title: z.string().nullish(),
  phone: z.string().nullish(),
  linkedinUrl: z.string().nullish(),
  company: z
    .object({
      name: z.string().nullish(),
      domain: z.string().nullish(),
      industry: z.string().nullish(),
      employees: z.number().nullish(),
      country: z.string().nullish(),
    })
    .default({}),
  source: z.string().nullish(),
  campaign: z.string().nullish(),
  message: z.string().nullish(),
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
})
export type LeadFacts = z.infer<typeof LeadFacts>

/** An event as scoring sees it. `occurredAt` in epoch milliseconds. */
export const ScoredEvent = z.object({
  type: z.string(),
  occurredAt: z.number(),
  /** How many events this one stands for (old events folded by retention); 1 when absent. */
  count: z.number().int().positive().optional(),
  properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
})
export type ScoredEvent = z.infer<typeof ScoredEvent>
