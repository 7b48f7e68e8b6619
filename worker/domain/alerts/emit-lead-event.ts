/**
 * Telling subscribers about something already written (a touch, an outcome): queue the event, then send it.
 * @module
 */
import { insertAlerts } from '../../db/queries/alerts'
import type { DomainCtx } from '../context'
import { deliverSoon } from './deliver'
import { type LeadEventInput, leadEventRows } from './lead-events'

/**
 * Queues `e` for every subscribed channel and delivers it right away (the cron retries what fails). One
 * round trip when nobody subscribes.
 * @example await emitLeadEvent(ctx, { type: 'lead.touched', leadId, key: touch.id, touch })
 */
export const emitLeadEvent = async (ctx: DomainCtx, e: LeadEventInput) => {
  const rows = await leadEventRows(ctx.db, ctx.now, e)
  if (!rows.length) return
  await insertAlerts(ctx.db, rows)
  await deliverSoon(
    ctx,
    rows.map((r) => r.id),
  )
}
