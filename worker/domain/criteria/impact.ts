/**
 * What saving criteria with `open_leads_now` would do right now: the same scoring the save runs over every open
 * lead, without writing anything, counting the leads that would be handed off (each starts a clock and sends its
 * assignment alert). Shown before the admin saves or restores, so nothing starts by surprise.
 * @module
 */
import type { CriteriaDocument } from '../../../shared/schemas/criteria'
import type { HandOffImpact } from '../../../shared/schemas/intake'
import type { Db } from '../../app-env'
import { eventsForLeadsQueries, groupEvents, type LeadEvent } from '../../db/queries/events'
import { type LeadRow, leadsByIdQueries, rescorableLeadIds, runChunked } from '../../db/queries/leads'
import { planScore } from '../intake/score-plan'

/** Leads read per round (as the save's rescore: bounded memory, a few batches). */
const ROUND = 450

/** Hand-off lead ids listed in the answer (the count covers all). */
const LISTED = 100

/**
 * The impact of `document` on the open leads at `now`.
 * @example const { handOffs } = await handOffImpact(db, draft, Date.now()) // "7 open leads will be handed off now"
 */
export const handOffImpact = async (db: Db, document: CriteriaDocument, now: number): Promise<HandOffImpact> => {
  const out: HandOffImpact = { openLeads: 0, changed: 0, handOffs: 0, alerts: 0, leadIds: [] }
  let after = ''
  for (;;) {
    const ids = await rescorableLeadIds(db, after, ROUND)
    if (ids.length === 0) break
    const leadQueries = leadsByIdQueries(db, ids)
    const reads = (await runChunked(db, [...leadQueries, ...eventsForLeadsQueries(db, ids)], 100)) as unknown[][]
    const rows = reads.slice(0, leadQueries.length).flat() as LeadRow[]
    const events = groupEvents(reads.slice(leadQueries.length).flat() as LeadEvent[])
    for (const row of rows) {
      // The lead's own version, so "changed" means score or status, not only the version stamp.
      const plan = planScore(row, events.get(row.id) ?? [], document, row.criteriaVersion ?? 0, now, 'impact')
      out.openLeads++
      if (plan.history.length > 0 || plan.result.total !== row.scoreTotal) out.changed++
      // As the job: a lead already `sql` and unassigned (in the managers' queue) is not handed off again.
      if (plan.needsHandOff && row.status !== 'sql') {
        out.handOffs++
        if (out.leadIds.length < LISTED) out.leadIds.push(row.id)
      }
    }
    after = ids[ids.length - 1]!
    if (ids.length < ROUND) break
  }
  out.alerts = out.handOffs
  return out
}
