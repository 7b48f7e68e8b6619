/**
 * Wire shapes of the reports (`/v1/reports/...`): query parameters and answers.
 * @module
 */
import { z } from 'zod'

/** `from`/`to`: an ISO date (`2026-09-01`, midnight UTC) or date-time with offset. Default: the last 90 days. */
const Instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })])

export const ReportRange = z
  .object({ from: Instant.optional(), to: Instant.optional() })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  })
export type ReportRange = z.infer<typeof ReportRange>

export const SpeedToLeadQuery = ReportRange.and(z.object({ groupBy: z.enum(['rep', 'source', 'week']).default('rep') }))
export type SpeedToLeadQuery = z.infer<typeof SpeedToLeadQuery>

export const FunnelQuery = ReportRange.and(z.object({ groupBy: z.enum(['source', 'campaign']).default('source') }))
export type FunnelQuery = z.infer<typeof FunnelQuery>

const MINUTE_MS = 60_000

/**
 * The histogram's buckets, `[fromMs, toMs)` (`toMs` null: open-ended). Fixed, so weeks and groups compare.
 * @example SPEED_BUCKETS.map((b) => b.label) // ['< 5 min', '5–15 min', …]
 */
export const SPEED_BUCKETS = [
  { label: '< 5 min', fromMs: 0, toMs: 5 * MINUTE_MS },
  { label: '5–15 min', fromMs: 5 * MINUTE_MS, toMs: 15 * MINUTE_MS },
  { label: '15–30 min', fromMs: 15 * MINUTE_MS, toMs: 30 * MINUTE_MS },
  { label: '30–60 min', fromMs: 30 * MINUTE_MS, toMs: 60 * MINUTE_MS },
  { label: '1–4 h', fromMs: 60 * MINUTE_MS, toMs: 240 * MINUTE_MS },
  { label: '4–24 h', fromMs: 240 * MINUTE_MS, toMs: 1440 * MINUTE_MS },
  { label: '≥ 24 h', fromMs: 1440 * MINUTE_MS, toMs: null },
] as const

/** One histogram bar: touched leads whose delay falls in `[fromMs, toMs)`. */
export const HistogramBin = z.object({
  label: z.string(),
  fromMs: z.number().int(),
  toMs: z.number().int().nullable(),
  count: z.number().int(),
})
export type HistogramBin = z.infer<typeof HistogramBin>

/**
 * Speed to lead of one group (nearest-rank percentiles). Grouped by `rep`, each sample is one assignment the
 * rep held: from the rep's own hand-off to the first touch made while the rep held the lead, or "never" when
 * the lead left the rep untouched; time before the lead reached the rep is charged to whoever held it then.
 * Grouped by `source` or `week`, and in `total`, each sample is one lead: from its first hand-off to its
 * first touch. Durations: `medianMs`/`p90Ms` (integer ms); `medianSeconds`/`p90Seconds` are kept for v1 clients.
 */
export const SpeedRow = z.object({
  key: z.string().nullable(),
  label: z.string(),
  leads: z.number().int(),
  touched: z.number().int(),
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
  medianMs: z.number().int().nullable(),
  p90Ms: z.number().int().nullable(),
  within5mShare: z.number(),
  within1hShare: z.number(),
  neverShare: z.number(),
  /** Touched samples per `SPEED_BUCKETS` entry, in that order (untouched ones are `leads - touched`). */
  histogram: z.array(HistogramBin),
})
export type SpeedRow = z.infer<typeof SpeedRow>

const Range = { from: z.string(), to: z.string() }

export const SpeedToLeadReport = z.object({ ...Range, groupBy: z.string(), total: SpeedRow, rows: z.array(SpeedRow) })
export type SpeedToLeadReport = z.infer<typeof SpeedToLeadReport>

/** `GET /v1/reports/sla-compliance` query: per rep (default) or per SLA policy. */
export const SlaComplianceQuery = ReportRange.and(z.object({ groupBy: z.enum(['rep', 'policy']).default('rep') }))
export type SlaComplianceQuery = z.infer<typeof SlaComplianceQuery>

/** Clocks started in the range, per group. By `policy`, `repId` is null and `name` is the policy's. */
export const SlaComplianceRow = z.object({
  /** Rep id or policy name (null: no rep). */
  key: z.string().nullable(),
  repId: z.string().nullable(),
  name: z.string(),
  clocks: z.number().int(),
  met: z.number().int(),
  breached: z.number().int(),
  reassigned: z.number().int(),
  open: z.number().int(),
  stopped: z.number().int(),
  /** met / (met + breached), null when neither. */
  complianceRate: z.number().nullable(),
})
export type SlaComplianceRow = z.infer<typeof SlaComplianceRow>

export const SlaComplianceReport = z.object({ ...Range, groupBy: z.string(), rows: z.array(SlaComplianceRow) })
export type SlaComplianceReport = z.infer<typeof SlaComplianceReport>

export const ReasonCount = z.object({
  outcome: z.enum(['disqualified', 'lost']),
  reason: z.string(),
  count: z.number().int(),
})
export type ReasonCount = z.infer<typeof ReasonCount>

export const FunnelRow = z.object({
  key: z.string().nullable(),
  leads: z.number().int(),
  mql: z.number().int(),
  sql: z.number().int(),
  accepted: z.number().int(),
  converted: z.number().int(),
  won: z.number().int(),
  wonAmount: z.number(),
  disqualified: z.number().int(),
  lost: z.number().int(),
  reasons: z.array(ReasonCount),
  /**
   * Conversion rates (0..1, 4 decimals; 0 when the earlier stage is empty): each stage over the one before it
   * (`mql` over leads, `sql` over MQLs, `accepted` over SQLs, `won` over accepted), and `leadToWon` overall.
   */
  rates: z.object({
    mql: z.number(),
    sql: z.number(),
    accepted: z.number(),
    won: z.number(),
    leadToWon: z.number(),
  }),
})
export type FunnelRow = z.infer<typeof FunnelRow>

export const FunnelReport = z.object({ ...Range, groupBy: z.string(), rows: z.array(FunnelRow) })
export type FunnelReport = z.infer<typeof FunnelReport>

export const MqlTargetInput = z.object({ target: z.number().int().min(0).max(10_000_000) })
export type MqlTargetInput = z.infer<typeof MqlTargetInput>

export const MqlMonth = z.object({
  month: z.string(),
  mqls: z.number().int(),
  target: z.number().nullable(),
  attainment: z.number().nullable(),
})
export type MqlMonth = z.infer<typeof MqlMonth>

/** This calendar month (UTC) so far, and where the target says it should be by now (linear pace). */
export const MqlThisMonth = MqlMonth.extend({
  /** target × elapsed share of the month, rounded down; null without a target. */
  expectedByNow: z.number().int().nullable(),
  daysElapsed: z.number(),
  daysInMonth: z.number().int(),
})
export type MqlThisMonth = z.infer<typeof MqlThisMonth>

export const MqlTargetReport = z.object({
  ...Range,
  target: z.number().nullable(),
  months: z.array(MqlMonth),
  thisMonth: MqlThisMonth,
})
export type MqlTargetReport = z.infer<typeof MqlTargetReport>

/** `GET /v1/reports/speed-to-lead/trend` query: one series per rep, per source, or one for all (default). */
export const SpeedTrendQuery = ReportRange.and(z.object({ groupBy: z.enum(['all', 'rep', 'source']).default('all') }))
export type SpeedTrendQuery = z.infer<typeof SpeedTrendQuery>

/** One week of a series; `week` is its Monday (`YYYY-MM-DD`, UTC). Same sampling rules as `SpeedRow`. */
export const SpeedTrendPoint = z.object({
  week: z.string(),
  leads: z.number().int(),
  touched: z.number().int(),
  medianMs: z.number().int().nullable(),
  p90Ms: z.number().int().nullable(),
})
export type SpeedTrendPoint = z.infer<typeof SpeedTrendPoint>

/** A series has a point for every week in `weeks` (empty weeks: zero leads, null times), in date order. */
export const SpeedTrendSeries = z.object({
  key: z.string().nullable(),
  label: z.string(),
  points: z.array(SpeedTrendPoint),
})
export type SpeedTrendSeries = z.infer<typeof SpeedTrendSeries>

export const SpeedTrendReport = z.object({
  ...Range,
  groupBy: z.string(),
  /** Every Monday from the range's first week to its last, oldest first. */
  weeks: z.array(z.string()),
  series: z.array(SpeedTrendSeries),
})
export type SpeedTrendReport = z.infer<typeof SpeedTrendReport>

/** `GET /v1/reports/reasons` query: disqualification and loss reasons of leads created in the range. */
export const ReasonsQuery = ReportRange.and(z.object({ groupBy: z.enum(['source', 'campaign']).default('source') }))
export type ReasonsQuery = z.infer<typeof ReasonsQuery>

export const ReasonRow = ReasonCount.extend({
  /** The source (or campaign); null when the lead has none. */
  key: z.string().nullable(),
  /** count over all disqualified + lost of the same group (0..1). */
  share: z.number(),
})
export type ReasonRow = z.infer<typeof ReasonRow>

/** Flat rows (group, outcome, reason), largest first within each group; groups by size. Ready for a table or CSV. */
export const ReasonsReport = z.object({ ...Range, groupBy: z.string(), rows: z.array(ReasonRow) })
export type ReasonsReport = z.infer<typeof ReasonsReport>
