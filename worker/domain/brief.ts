/**
 * The lead brief: who, why now, score, timeline, interests/objections, what they told us, assignee, SLA.
 * One batched read plus the SLA summary, in parallel.
 * @module
 */
import { DEFAULT_CRITERIA } from '../../shared/default-criteria'
import { CriteriaDocument, type ScoredEvent } from '../../shared/schemas/criteria'
import type { Brief, LeadStatus, Sla, TimelineItem } from '../../shared/schemas/lead'
import { deriveSignals } from '../../shared/scoring/signals'
import { foldKey } from '../../shared/event-fold'
import type { Db } from '../app-env'
import { briefRows, briefRowsMany } from '../db/queries/brief'
import { slaSummary, summarizeClocks } from './sla/summary'

const iso = (ms: number) => new Date(ms).toISOString()

/** An event row; `count` > 1 on a row retention folded (see `shared/event-fold.ts`). */
type RawEvent = {
  type: string
  occurredAt: number
  properties: unknown
  count?: number
  firstOccurredAt?: number | null
}
type Props = Record<string, string | number | boolean | null>

const props = (e: RawEvent): Props => (e.properties && typeof e.properties === 'object' ? (e.properties as Props) : {})

const VERBS: Record<string, string> = {
  page_view: 'Visited',
  content_download: 'Downloaded',
  webinar_attended: 'Attended webinar',
  webinar_registered: 'Registered for webinar',
  form_submit: 'Submitted form',
  email_click: 'Clicked email',
  email_open: 'Opened email',
  meeting_booked: 'Booked a meeting',
  sales_touch: 'Sales touch',
}

const summarize = (type: string, key: string, count: number) => {
  const verb = VERBS[type] ?? type.replaceAll('_', ' ')
  const base = key ? `${verb} ${key}` : verb
  return count > 1 ? `${base} ${count} times` : base
}

/**
 * Folds repeated events (same type and same page/asset) into one item, newest first.
 * @example foldTimeline([{ type: 'page_view', occurredAt: 1, properties: { path: '/pricing' } }, …])
 * // [{ type: 'page_view', summary: 'Visited /pricing 4 times', count: 4, firstAt, lastAt }]
 */
export const foldTimeline = (newestFirst: readonly RawEvent[]): TimelineItem[] => {
  const groups = new Map<
    string,
    { type: string; key: string; count: number; first: number; last: number; props: Props }
  >()
  for (const e of newestFirst) {
    const p = props(e)
    const key = foldKey(e.type, p)
    const id = `${e.type}\u0000${key}`
    const g = groups.get(id)
    const count = e.count ?? 1
    const first = e.firstOccurredAt ?? e.occurredAt
    if (!g) groups.set(id, { type: e.type, key, count, first, last: e.occurredAt, props: p })
    else {
      g.count += count
      g.first = Math.min(g.first, first)
      if (e.occurredAt > g.last) {
        g.last = e.occurredAt
        g.props = p
      }
    }
  }
  return [...groups.values()]
    .sort((a, b) => b.last - a.last)
    .map((g) => ({
      type: g.type,
      summary: summarize(g.type, g.key, g.count),
      count: g.count,
      firstAt: iso(g.first),
      lastAt: iso(g.last),
      properties: g.props,
    }))
}

const toMs = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'string') {
    const t = Date.parse(v)
    return Number.isNaN(t) ? null : t
  }
  return null
}

/**
 * Why now: what intake recorded when the lead crossed the hand-off threshold, else derived from the
 * qualification time and the last event at or before it.
 */
const whyNow = (
  lead: {
    whyNow: unknown
    sqlAt: number | null
    mqlAt: number | null
    assignedAt: number | null
    hot: boolean
    scoreTotal: number
  },
  newestFirst: readonly RawEvent[],
): Brief['whyNow'] => {
  const stored = lead.whyNow as { summary?: unknown; at?: unknown } | null
  if (stored && typeof stored === 'object' && typeof stored.summary === 'string') {
    const at = toMs(stored.at) ?? lead.sqlAt ?? lead.assignedAt
    if (at !== null) return { summary: stored.summary, at: iso(at) }
  }
  const at = lead.sqlAt ?? lead.assignedAt ?? lead.mqlAt
  if (at === null) return null
  const stage = lead.sqlAt !== null ? 'the hand-off threshold' : 'the MQL threshold'
  const trigger = newestFirst.find((e) => e.occurredAt <= at)
  const cause = trigger ? `: ${summarize(trigger.type, foldKey(trigger.type, props(trigger)), 1)}` : ''
  return {
    summary: `${lead.hot ? 'Hot lead, ' : ''}crossed ${stage} (score ${lead.scoreTotal})${cause}`,
    at: iso(trigger?.occurredAt ?? at),
  }
}

const DEFAULT_DOC = CriteriaDocument.parse(DEFAULT_CRITERIA)

const parseCriteria = (doc: unknown): CriteriaDocument => {
  const parsed = CriteriaDocument.safeParse(typeof doc === 'string' ? JSON.parse(doc) : doc)
  return parsed.success ? parsed.data : DEFAULT_DOC
}

type Rows = NonNullable<Awaited<ReturnType<typeof briefRows>>>

/**
 * The lead brief as every route returns it, or null when there is no such lead: one batched read plus
 * the SLA summary, in parallel.
 * @example const brief = await buildBrief(db, leadId, Date.now())
 */
export const buildBrief = async (db: Db, leadId: string, now: number): Promise<Brief | null> => {
  const [rows, sla] = await Promise.all([briefRows(db, leadId), slaSummary(db, leadId, now)])
  return rows ? assembleBrief(rows, sla) : null
}

/**
 * The briefs of many leads in one D1 round trip, in the order of `ids` (unknown ids are skipped).
 * `eventLimit` trims each lead's timeline (a queue needs the recent events only).
 * @example const briefs = await buildBriefs(db, queueIds, Date.now(), 50)
 */
export const buildBriefs = async (
  db: Db,
  ids: readonly string[],
  now: number,
  eventLimit?: number,
): Promise<Brief[]> => {
  const byId = await briefRowsMany(db, ids, eventLimit)
  return ids.flatMap((id) => {
    const rows = byId.get(id)
    return rows ? [assembleBrief(rows, summarizeClocks(rows.clocks, now))] : []
  })
}

/** The brief from rows already read: pure, so one lead and a whole queue build it the same way. */
const assembleBrief = (rows: Rows, sla: Sla): Brief => {
  const { lead, rep, refs, events, criteria } = rows
  const scored: ScoredEvent[] = events.map((e) => ({
    type: e.type,
    occurredAt: e.occurredAt,
    properties: props(e),
    ...(e.count && e.count > 1 ? { count: e.count } : {}),
  }))
  const doc = criteria ? parseCriteria(criteria.document) : DEFAULT_DOC
  const { interests, objections } = deriveSignals(scored, doc)
  return {
    id: lead.id,
    email: lead.email,
    firstName: lead.firstName,
    lastName: lead.lastName,
    title: lead.title,
    phone: lead.phone,
    linkedinUrl: lead.linkedinUrl,
    company: {
      name: lead.companyName,
      domain: lead.companyDomain,
      industry: lead.industry,
      employees: lead.employees,
      country: lead.country,
    },
    status: lead.status as LeadStatus,
    hot: lead.hot,
    disqualifiedReason: lead.disqualifiedReason,
    disqualificationReasons: doc.disqualificationReasons,
    score: {
      total: lead.scoreTotal,
      fit: lead.scoreFit,
      engagement: lead.scoreEngagement,
      breakdown: lead.scoreBreakdown as Brief['score']['breakdown'],
      criteriaVersion: lead.criteriaVersion,
    },
    assignee: rep ? { id: rep.id, name: rep.name, email: rep.email } : null,
    sla,
    whyNow: whyNow(lead, events),
    timeline: foldTimeline(events),
    interests,
    objections,
    message: lead.message,
    fields: lead.fields as Brief['fields'],
    source: lead.source,
    campaign: lead.campaign,
    crmRefs: refs.map((r) => ({ system: r.system, id: r.refId })),
    createdAt: iso(lead.createdAt),
    updatedAt: iso(lead.updatedAt),
  }
}
