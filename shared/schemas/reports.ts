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

/** Speed to lead of one group: times from first hand-off to first touch (nearest-rank percentiles). */
export const SpeedRow = z.object({
  key: z.string().nullable(),
  label: z.string(),
  leads: z.number().int(),
  touched: z.number().int(),
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
  within5mShare: z.number(),
  within1hShare: z.number(),
  neverShare: z.number(),
})
export type SpeedRow = z.infer<typeof SpeedRow>

const Range = { from: z.string(), to: z.string() }

export const SpeedToLeadReport = z.object({ ...Range, groupBy: z.string(), total: SpeedRow, rows: z.array(SpeedRow) })
export type SpeedToLeadReport = z.infer<typeof SpeedToLeadReport>

export const SlaComplianceRow = z.object({
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

export const SlaComplianceReport = z.object({ ...Range, rows: z.array(SlaComplianceRow) })
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

export const MqlTargetReport = z.object({ ...Range, target: z.number().nullable(), months: z.array(MqlMonth) })
export type MqlTargetReport = z.infer<typeof MqlTargetReport>
