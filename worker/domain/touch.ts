import type { TouchChannel } from '../../shared/schemas/lead'
import type { DomainCtx } from './context'

/**
 * Records a touch (rep via API, or a CRM `sales_touch` event); the first touch meets the SLA.
 * STUB: replaced by the brief/actions work (issue 4).
 * @example await recordTouch(ctx, { leadId, channel: 'call', via: 'crm', at: ctx.now })
 */
export const recordTouch = async (
  _ctx: DomainCtx,
  _touch: { leadId: string; channel: TouchChannel; note?: string; via: 'rep' | 'crm'; repId?: string | null; at: number },
): Promise<void> => {}
