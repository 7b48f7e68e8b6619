/**
 * After a criteria change: rescore every open lead in chunked batches (not one round trip per lead).
 * @module
 */
import type { StoredCriteria } from '../../db/queries/criteria'
import { rescorableLeadIds } from '../../db/queries/leads'
import type { DomainCtx } from '../context'
import { rescoreLeads } from '../intake/rescore'

const PAGE = 2000

/**
 * Rescores open leads (new, mql, sql, assigned, contacted) with `criteria`; returns how many were read, how many
 * changed and how many were handed off (the count `handOffImpact` predicts).
 * @example await rescoreOpenLeads(ctx, await getCurrentCriteria(ctx.db))
 */
export const rescoreOpenLeads = async (ctx: DomainCtx, criteria: StoredCriteria) => {
  let after = ''
  let leadsRead = 0
  let changed = 0
  let handOffs = 0
  for (;;) {
    const page = await rescorableLeadIds(ctx.db, after, PAGE)
    if (page.length === 0) break
    const plans = await rescoreLeads(ctx, page, { criteria, reason: `criteria v${criteria.version}` })
    leadsRead += page.length
    for (const p of plans.values()) {
      if (p.changed) changed++
      if (p.needsHandOff) handOffs++
    }
    after = page[page.length - 1]!
    if (page.length < PAGE) break
  }
  return { leads: leadsRead, changed, handOffs }
}
