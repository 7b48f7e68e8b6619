import type { LeadOwner } from '../../../shared/schemas/errors'
import { ago } from '../../lib/why-now'

/**
 * What a rep sees of a colleague's lead: whose it is and whether it was met, nothing more (the server sends
 * nothing more). The overlay's pill and the lead page say it in the same words.
 * @example colleagueLine({ name: 'Ana Ruiz', metAt: '2026-11-23T08:00:00Z' }, now) // 'Assigned to Ana Ruiz · met 2 h ago'
 */
export const colleagueLine = (owner: LeadOwner, now: number): string => {
  const met = owner.metAt ? Date.parse(owner.metAt) : Number.NaN
  return `Assigned to ${owner.name} · ${Number.isNaN(met) ? 'not touched yet' : `met ${ago(met, now)}`}`
}
