/**
 * Retention, run by each cron tick: idempotency keys and delivered alerts past their window are deleted,
 * and raw engagement events past theirs are folded (the events of one lead, type and page/asset become one
 * row standing for all of them), so scoring and the brief still count them while the table stops growing
 * with every page view. Each step handles at most `RETENTION_BATCH` rows per tick (oldest first), which
 * keeps a tick's D1 queries and CPU flat however far behind retention is: 500 rows a minute is 720k a day.
 * @module
 */
import { foldKey } from '../../shared/event-fold'
import { DEFAULT_RETENTION, RetentionSettings } from '../../shared/schemas/retention'
import type { Db } from '../app-env'
import {
  type FoldedEvent,
  foldEvents,
  oldRawEvents,
  pruneDeliveredAlerts,
  pruneIdempotencyKeys,
} from '../db/queries/retention'
import { getSetting } from '../db/queries/settings'
import type { DomainCtx } from './context'

/** The settings key holding the organisation's `RetentionSettings`. */
export const RETENTION_KEY = 'retention'

/** Rows per step and tick. */
export const RETENTION_BATCH = 500

const HOUR = 3_600_000
const DAY = 24 * HOUR

/**
 * The organisation's retention, or the defaults.
 * @example const { rawEventDays } = await retentionSettings(db)
 */
export const retentionSettings = async (db: Db): Promise<RetentionSettings> => {
  const parsed = RetentionSettings.safeParse(await getSetting(db, RETENTION_KEY))
  return parsed.success ? parsed.data : DEFAULT_RETENTION
}

/** A short, stable digest of a fold key (FNV-1a, 2 × 32 bits), so long URLs make short client ids. */
const digest = (s: string): string => {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ s.length
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193) >>> 0
    b = Math.imul(b ^ c, 0x01000193 ^ 0x5bd1e995) >>> 0
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')
}

type RawRow = Awaited<ReturnType<typeof oldRawEvents>>[number]

/**
 * The folded rows standing for these raw events: one per lead, type and fold key, spanning their times,
 * with the newest event's properties.
 * @example foldRows(rows) // [{ clientId: 'fold:lead_1:page_view:…', count: 7, … }]
 */
export const foldRows = (rows: readonly RawRow[]): FoldedEvent[] => {
  const out = new Map<string, FoldedEvent>()
  for (const r of rows) {
    const props = (r.properties && typeof r.properties === 'object' ? r.properties : {}) as Record<string, unknown>
    const clientId = `fold:${r.leadId}:${r.type}:${digest(foldKey(r.type, props))}`
    const f = out.get(clientId)
    if (!f) {
      out.set(clientId, {
        clientId,
        leadId: r.leadId,
        type: r.type,
        occurredAt: r.occurredAt,
        firstOccurredAt: r.occurredAt,
        count: r.count,
        properties: props,
      })
      continue
    }
    f.count += r.count
    f.firstOccurredAt = Math.min(f.firstOccurredAt, r.occurredAt)
    if (r.occurredAt >= f.occurredAt) [f.occurredAt, f.properties] = [r.occurredAt, props]
  }
  return [...out.values()]
}

/**
 * One retention pass at `ctx.now`; answers what it did.
 * @example await applyRetention(ctx) // { idempotencyKeys: 12, alerts: 0, eventsFolded: 500, foldedInto: 31 }
 */
export const applyRetention = async (ctx: Pick<DomainCtx, 'db' | 'now'>) => {
  const { db, now } = ctx
  const keep = await retentionSettings(db)
  const [idempotencyKeys, alerts, raw] = await Promise.all([
    pruneIdempotencyKeys(db, now - keep.idempotencyHours * HOUR, RETENTION_BATCH),
    pruneDeliveredAlerts(db, now - keep.deliveredAlertDays * DAY, RETENTION_BATCH),
    oldRawEvents(db, now - keep.rawEventDays * DAY, RETENTION_BATCH),
  ])
  const folded = foldRows(raw)
  await foldEvents(
    db,
    folded,
    raw.map((r) => r.id),
  )
  return { idempotencyKeys, alerts, eventsFolded: raw.length, foldedInto: folded.length }
}
