/**
 * Touches: a rep's call/email/… logged through the API, or a CRM `sales_touch` event.
 * @module
 */
import type { TouchChannel } from '../../shared/schemas/lead'
import { insertTouch, leadForOutcome, markFirstTouch } from '../db/queries/outcomes'
import { historyEntry } from '../db/queries/history'
import { newId } from '../lib/crypto'
import { emitLeadEvent } from './alerts/emit-lead-event'
import type { DomainCtx } from './context'
import { meetSla } from './sla/clock'

export type TouchRecord = {
  leadId: string
  channel: TouchChannel
  note?: string
  via: 'rep' | 'crm'
  /** The CRM it was logged in, for `crm` touches (shown in the journey). */
  system?: string
  /** Who touched; defaults to the lead's assignee (CRM touches often carry no rep). */
  repId?: string | null
  at: number
}

/**
 * Records a touch; the first touch sets `firstTouchAt`, moves an `assigned` lead to `contacted` and
 * meets the SLA clock. Returns null when there is no such lead.
 * @example await recordTouch(ctx, { leadId, channel: 'call', via: 'crm', at: ctx.now })
 */
export const recordTouch = async (
  ctx: DomainCtx,
  touch: TouchRecord,
): Promise<{ id: string; first: boolean; at: number } | null> => {
  const { db } = ctx
  const lead = await leadForOutcome(db, touch.leadId)
  if (!lead) return null
  const id = newId('touch')
  const repId = touch.repId ?? lead.assigneeId ?? null
  const first = lead.firstTouchAt === null
  const actor = ctx.actor ?? repId ?? touch.via
  await db.batch([
    insertTouch(db, {
      id,
      leadId: lead.id,
      repId,
      channel: touch.channel,
      note: touch.note ?? null,
      at: touch.at,
      via: touch.via,
      system: touch.system ?? null,
    }),
    markFirstTouch(db, lead.id, touch.at, ctx.now, lead.status === 'assigned'),
    historyEntry(db, {
      leadId: lead.id,
      at: touch.at,
      kind: 'touch',
      actor,
      data: {
        touchId: id,
        channel: touch.channel,
        via: touch.via,
        ...(touch.system ? { system: touch.system } : {}),
        repId,
        first,
        ...(touch.note ? { note: touch.note } : {}),
      },
    }),
    ...(first && lead.status === 'assigned'
      ? [
          historyEntry(db, {
            leadId: lead.id,
            at: touch.at,
            kind: 'status',
            actor,
            data: { from: 'assigned', to: 'contacted' },
          }),
        ]
      : []),
  ])
  if (first) await meetSla(ctx, lead.id, touch.at)
  await emitLeadEvent(ctx, {
    type: 'lead.touched',
    leadId: lead.id,
    key: id,
    touch: {
      id,
      channel: touch.channel,
      via: touch.via,
      system: touch.system ?? null,
      repId,
      first,
      at: new Date(touch.at).toISOString(),
    },
  })
  return { id, first, at: touch.at }
}
