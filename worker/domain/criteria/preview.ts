/**
 * `POST /v1/admin/criteria/preview`: how the most recent leads score under a draft, beside the current
 * version, without saving; plus the leads' facts and events so the popup can rerun `score()` as the admin edits.
 * @module
 */
import { personName } from '../../../shared/lead-name'
import type { CriteriaDocument } from '../../../shared/schemas/criteria'
import type { CriteriaPreview, PreviewMove, PreviewSampleLead } from '../../../shared/schemas/intake'
import { score, type ScoreResult, type Stage } from '../../../shared/scoring/score'
import { getCurrentCriteria } from '../../db/queries/criteria'
import { recentLeads } from '../../db/queries/lead-lookup'
import { eventsForLeadsQueries, groupEvents, type LeadEvent } from '../../db/queries/events'
import { dispositionsQueries, leadFacts, runChunked } from '../../db/queries/leads'
import type { dispositions } from '../../db/schema'
import type { Db } from '../../app-env'

/** Events per lead sent for the live preview (newest first). */
export const SAMPLE_EVENTS = 200

const RANK: Record<Stage, number> = { new: 0, mql: 1, sql: 2 }

/** The label of the rule whose points differ most between two scorings. */
const biggestDifference = (a: ScoreResult, b: ScoreResult): string | undefined => {
  const points = new Map<string, { label: string; a: number; b: number }>()
  for (const i of a.breakdown) points.set(i.rule, { label: i.label, a: i.points, b: 0 })
  for (const i of b.breakdown) {
    const e = points.get(i.rule)
    if (e) {
      e.b = i.points
      e.label = i.label
    } else points.set(i.rule, { label: i.label, a: 0, b: i.points })
  }
  let best: { label: string; diff: number } | undefined
  for (const e of points.values()) {
    const diff = Math.abs(e.b - e.a)
    if (diff > 0 && (!best || diff > best.diff)) best = { label: e.label, diff }
  }
  return best?.label
}

/**
 * Scores the `limit` most recent leads under the current criteria and `draft` at `now`.
 * @example const preview = await previewCriteria(db, draft, 500, Date.now())
 */
export const previewCriteria = async (
  db: Db,
  draft: CriteriaDocument,
  limit: number,
  now: number,
): Promise<CriteriaPreview> => {
  const current = await getCurrentCriteria(db)
  const rows = await recentLeads(db, limit)
  const ids = rows.map((r) => r.id)
  const eventQueries = eventsForLeadsQueries(db, ids)
  const reads = (await runChunked(db, [...eventQueries, ...dispositionsQueries(db, ids)], 100)) as unknown[][]
  const eventsByLead = groupEvents(reads.slice(0, eventQueries.length).flat() as LeadEvent[], SAMPLE_EVENTS)
  const latest = new Map<string, { outcome: string; reason: string | null }>()
  for (const d of reads.slice(eventQueries.length).flat() as Array<typeof dispositions.$inferSelect>) {
    if (!latest.has(d.leadId)) latest.set(d.leadId, { outcome: d.outcome, reason: d.reason })
  }

  const counts = { current: { mql: 0, sql: 0 }, draft: { mql: 0, sql: 0 } }
  const moved: PreviewMove[] = []
  const gained: Record<string, number> = {}
  const dropped: Record<string, number> = {}
  const sample: PreviewSampleLead[] = []
  for (const row of rows) {
    const facts = leadFacts(row)
    const events = eventsByLead.get(row.id) ?? []
    const a = score(facts, events, current.document, now)
    const b = score(facts, events, draft, now)
    if (RANK[a.stage] >= 1) counts.current.mql++
    if (a.stage === 'sql') counts.current.sql++
    if (RANK[b.stage] >= 1) counts.draft.mql++
    if (b.stage === 'sql') counts.draft.sql++
    const name = personName(row)
    const outcome = latest.get(row.id) ?? null
    if (a.stage !== b.stage) {
      const rule = biggestDifference(a, b)
      moved.push({
        leadId: row.id,
        email: row.email,
        name,
        company: row.companyName,
        from: a.stage,
        to: b.stage,
        currentScore: a.total,
        draftScore: b.total,
        ...(rule ? { rule } : {}),
      })
      const key = outcome?.outcome ?? row.status
      if (RANK[a.stage] === 0 && RANK[b.stage] >= 1) gained[key] = (gained[key] ?? 0) + 1
      if (RANK[a.stage] >= 1 && RANK[b.stage] === 0) dropped[key] = (dropped[key] ?? 0) + 1
    }
    sample.push({
      id: row.id,
      email: row.email,
      name,
      company: row.companyName,
      status: row.status,
      outcome,
      facts,
      events,
    })
  }
  return {
    now: new Date(now).toISOString(),
    leads: rows.length,
    current: { version: current.version, ...counts.current },
    draft: counts.draft,
    moved,
    outcomes: { gained, dropped },
    sample,
  }
}
