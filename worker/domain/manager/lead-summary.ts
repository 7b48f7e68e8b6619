/**
 * Leads as list items (`LeadSummary`): who, where it stands, who has it and its current clock, for the
 * managers' queue and search. One batched read for the whole list.
 * @module
 */
import { personName } from '../../../shared/lead-name'
import type { LeadStatus } from '../../../shared/schemas/lead'
import type { LeadSummary } from '../../../shared/schemas/manager'
import type { Db } from '../../app-env'
import { summaryRows } from '../../db/queries/manager'
import { summarizeClocks } from '../sla/summary'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

/**
 * The summaries of `ids` at `now`, in the order of `ids` (ids with no lead are left out).
 * @example const [lead] = await leadSummaries(db, ['lead_1'], Date.now())
 */
export const leadSummaries = async (db: Db, ids: readonly string[], now: number): Promise<LeadSummary[]> => {
  const rows = await summaryRows(db, ids)
  const leads = new Map(rows.leads.map((l) => [l.id, l]))
  const reps = new Map(rows.reps.map((r) => [r.id, r]))
  const clocks = new Map<string, typeof rows.clocks>()
  for (const c of rows.clocks) (clocks.get(c.leadId) ?? clocks.set(c.leadId, []).get(c.leadId)!).push(c)
  return ids.flatMap((id) => {
    const l = leads.get(id)
    if (!l) return []
    const own = clocks.get(id) ?? []
    const sla = summarizeClocks(own, now)
    const assignee = l.assigneeId ? reps.get(l.assigneeId) : undefined
    return [
      {
        id: l.id,
        email: l.email,
        name: personName(l),
        title: l.title,
        company: l.companyName,
        status: l.status as LeadStatus,
        hot: l.hot,
        score: { total: l.scoreTotal },
        source: l.source,
        campaign: l.campaign,
        assignee: assignee ? { id: assignee.id, name: assignee.name, email: assignee.email } : null,
        sla: {
          policy: sla.policy,
          state: sla.state,
          startedAt: sla.startedAt,
          dueAt: sla.dueAt,
          breachedAt: iso(own[own.length - 1]?.breachedAt ?? null),
        },
        whyNow: (l.whyNow as { summary?: string } | null)?.summary ?? null,
        createdAt: new Date(l.createdAt).toISOString(),
        updatedAt: new Date(l.updatedAt).toISOString(),
      },
    ]
  })
}
