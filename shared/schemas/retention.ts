/**
 * How long Handoff keeps what it no longer needs row by row. Journey entries (`lead_history`) are kept for
 * the lead's lifetime and are not configurable.
 * @module
 */
import { z } from 'zod'

/**
 * `GET/PUT /v1/admin/retention`. Defaults: idempotency keys 24 h (senders retry within hours), delivered
 * alerts 30 days, raw events 90 days (then folded: one row per lead, type and page/asset, still scored).
 */
export const RetentionSettings = z
  .object({
    idempotencyHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    deliveredAlertDays: z.number().int().min(1).max(3650),
    rawEventDays: z.number().int().min(7).max(3650),
  })
  .strict()
export type RetentionSettings = z.infer<typeof RetentionSettings>

/** What a fresh organisation keeps (see `RetentionSettings`). */
export const DEFAULT_RETENTION: RetentionSettings = { idempotencyHours: 24, deliveredAlertDays: 30, rawEventDays: 90 }
