/**
 * Report aggregates, computed in D1 (SQL over indexed columns; percentiles by window functions).
 * Times are epoch ms; `from` inclusive, `to` exclusive.
 * @module
 */
import { type SQL, sql } from 'drizzle-orm'
import type { FunnelRow, MqlMonth, ReasonCount, SlaComplianceRow, SpeedRow } from '../../../shared/schemas/reports'
import type { Db } from '../../app-env'

const FIVE_MIN = 5 * 60_000
const HOUR = 60 * 60_000

export type Range = { from: number; to: number }

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v))
const share = (part: unknown, whole: unknown) =>
  num(whole) === 0 ? 0 : Math.round((num(part) / num(whole)) * 10_000) / 10_000
const secs = (ms: unknown) => (ms === null || ms === undefined ? null : Number(ms) / 1000)

const SPEED_GROUPS = {
  rep: sql`l.assignee_id`,
  source: sql`l.source`,
  // Monday of the hand-off's ISO week (UTC); weeks are listed in date order, other groups by size.
  week: sql`date(h.handoff_at / 1000, 'unixepoch', 'weekday 0', '-6 days')`,
} satisfies Record<string, SQL>

/** The group key of the overall row, computed in the same pass as the groups. */
const TOTAL = '\u0000total'

/**
 * Speed to lead: for each lead first handed off in the range, the time from that hand-off (its first
 * assignment) to its first touch, per group plus the overall `total`, in one pass. Median and p90 are
 * nearest-rank over touched leads.
 * @example const { total, rows } = await speedToLead(db, { from, to }, 'rep')
 */
export const speedToLead = async (
  db: Db,
  range: Range,
  groupBy: keyof typeof SPEED_GROUPS,
): Promise<{ total: SpeedRow; rows: SpeedRow[] }> => {
  const rows = await db.all<Record<string, unknown>>(sql`
    WITH h AS (
      SELECT a.lead_id, a.assigned_at AS handoff_at FROM assignments a
      WHERE a.assigned_at >= ${range.from} AND a.assigned_at < ${range.to}
        AND NOT EXISTS (SELECT 1 FROM assignments p WHERE p.lead_id = a.lead_id AND (p.assigned_at < a.assigned_at OR (p.assigned_at = a.assigned_at AND p.id < a.id)))
    ),
    d0 AS MATERIALIZED (
      SELECT ${SPEED_GROUPS[groupBy]} AS grp, max(l.first_touch_at - h.handoff_at, 0) AS delay
      FROM h JOIN leads l ON l.id = h.lead_id
    ),
    d AS (SELECT grp, delay FROM d0 UNION ALL SELECT ${TOTAL}, delay FROM d0),
    g AS (
      SELECT grp, count(*) AS leads, count(delay) AS touched, sum(delay <= ${FIVE_MIN}) AS within5,
        sum(delay <= ${HOUR}) AS within1h, sum(delay IS NULL) AS never
      FROM d GROUP BY grp
    ),
    r AS (
      SELECT grp, delay, row_number() OVER (PARTITION BY grp ORDER BY delay) AS rn, count(*) OVER (PARTITION BY grp) AS n
      FROM d WHERE delay IS NOT NULL
    ),
    p AS (
      SELECT grp, max(CASE WHEN rn = (n * 50 + 99) / 100 THEN delay END) AS median,
        max(CASE WHEN rn = (n * 90 + 99) / 100 THEN delay END) AS p90
      FROM r GROUP BY grp
    )
    SELECT g.*, p.median, p.p90, reps.name AS rep_name
    FROM g LEFT JOIN p ON p.grp IS g.grp LEFT JOIN reps ON ${groupBy === 'rep' ? sql`reps.id = g.grp` : sql`0`}
    ORDER BY ${groupBy === 'week' ? sql`g.grp` : sql`g.leads DESC, g.grp`}`)
  const mapped = rows.map((r) => {
    const key = r.grp === null ? null : String(r.grp)
    return {
      key,
      label: r.rep_name ? String(r.rep_name) : (key ?? '(none)'),
      leads: num(r.leads),
      touched: num(r.touched),
      medianSeconds: secs(r.median),
      p90Seconds: secs(r.p90),
      within5mShare: share(r.within5, r.leads),
      within1hShare: share(r.within1h, r.leads),
      neverShare: share(r.never, r.leads),
    }
  })
  const total = mapped.find((r) => r.key === TOTAL)
  return {
    total: total
      ? { ...total, key: 'all', label: 'all' }
      : {
          key: 'all',
          label: 'all',
          leads: 0,
          touched: 0,
          medianSeconds: null,
          p90Seconds: null,
          within5mShare: 0,
          within1hShare: 0,
          neverShare: 0,
        },
    rows: mapped.filter((r) => r.key !== TOTAL),
  }
}

/**
 * SLA compliance per rep over clocks started in the range: met in time, breached (late, or overdue and
 * untouched), reassigned (the assignment ended and the lead went to someone else), still open, stopped.
 * @example await slaCompliance(db, { from, to }, Date.now())
 */
export const slaCompliance = async (db: Db, range: Range, now: number): Promise<SlaComplianceRow[]> => {
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT c.rep_id, reps.name, count(*) AS clocks,
      sum(c.met_at IS NOT NULL AND c.met_at <= c.due_at) AS met,
      sum(c.breached_at IS NOT NULL OR (c.met_at IS NOT NULL AND c.met_at > c.due_at)
        OR (c.met_at IS NULL AND coalesce(c.stopped_at, ${now}) >= c.due_at)) AS breached,
      sum(a.ended_at IS NOT NULL AND EXISTS (
        SELECT 1 FROM assignments n WHERE n.lead_id = a.lead_id AND n.id <> a.id AND n.assigned_at >= a.assigned_at)) AS reassigned,
      sum(c.met_at IS NULL AND c.stopped_at IS NULL AND c.breached_at IS NULL AND c.due_at > ${now}) AS open,
      sum(c.met_at IS NULL AND c.stopped_at IS NOT NULL AND c.breached_at IS NULL AND c.stopped_at < c.due_at) AS stopped
    FROM sla_clocks c
    LEFT JOIN assignments a ON a.id = c.assignment_id
    LEFT JOIN reps ON reps.id = c.rep_id
    WHERE c.started_at >= ${range.from} AND c.started_at < ${range.to}
    GROUP BY c.rep_id
    ORDER BY reps.name`)
  return rows.map((r) => {
    const met = num(r.met)
    const breached = num(r.breached)
    return {
      repId: r.rep_id === null ? null : String(r.rep_id),
      name: r.name ? String(r.name) : '(unassigned)',
      clocks: num(r.clocks),
      met,
      breached,
      reassigned: num(r.reassigned),
      open: num(r.open),
      stopped: num(r.stopped),
      complianceRate: met + breached === 0 ? null : Math.round((met / (met + breached)) * 10_000) / 10_000,
    }
  })
}

const FUNNEL_GROUPS = { source: sql`source`, campaign: sql`campaign` } satisfies Record<string, SQL>

/**
 * The funnel of leads created in the range: leads → MQL → SQL → accepted → converted → won (a stage
 * counts when the lead reached it, whatever came later), won amount, and reject reasons by group.
 * @example await funnel(db, { from, to }, 'source')
 */
export const funnel = async (db: Db, range: Range, groupBy: keyof typeof FUNNEL_GROUPS): Promise<FunnelRow[]> => {
  const grp = FUNNEL_GROUPS[groupBy]
  const [stages, reasons] = await Promise.all([
    db.all<Record<string, unknown>>(sql`
      WITH l AS (
        SELECT id, ${grp} AS grp, mql_at, sql_at FROM leads WHERE created_at >= ${range.from} AND created_at < ${range.to}
      ),
      d AS (
        SELECT lead_id, max(outcome IN ('accepted', 'converted', 'won')) AS acc, max(outcome IN ('converted', 'won')) AS conv,
          max(outcome = 'won') AS won, max(CASE WHEN outcome = 'won' THEN amount END) AS amount,
          max(outcome = 'disqualified') AS dq, max(outcome = 'lost') AS lost
        FROM dispositions WHERE lead_id IN (SELECT id FROM l) GROUP BY lead_id
      )
      SELECT l.grp, count(*) AS leads, sum(l.mql_at IS NOT NULL OR l.sql_at IS NOT NULL) AS mql, sum(l.sql_at IS NOT NULL) AS sql,
        sum(coalesce(d.acc, 0)) AS accepted, sum(coalesce(d.conv, 0)) AS converted, sum(coalesce(d.won, 0)) AS won,
        total(d.amount) AS won_amount, sum(coalesce(d.dq, 0)) AS disqualified, sum(coalesce(d.lost, 0)) AS lost
      FROM l LEFT JOIN d ON d.lead_id = l.id GROUP BY l.grp ORDER BY leads DESC, l.grp`),
    db.all<Record<string, unknown>>(sql`
      SELECT l.${grp} AS grp, d.outcome, coalesce(d.reason, '(none)') AS reason, count(*) AS n
      FROM dispositions d JOIN leads l ON l.id = d.lead_id
      WHERE l.created_at >= ${range.from} AND l.created_at < ${range.to} AND d.outcome IN ('disqualified', 'lost')
      GROUP BY 1, 2, 3 ORDER BY n DESC, reason`),
  ])
  const byGroup = new Map<string | null, ReasonCount[]>()
  for (const r of reasons) {
    const key = r.grp === null ? null : String(r.grp)
    const list = byGroup.get(key) ?? []
    list.push({ outcome: r.outcome as ReasonCount['outcome'], reason: String(r.reason), count: num(r.n) })
    byGroup.set(key, list)
  }
  return stages.map((r) => {
    const key = r.grp === null ? null : String(r.grp)
    return {
      key,
      leads: num(r.leads),
      mql: num(r.mql),
      sql: num(r.sql),
      accepted: num(r.accepted),
      converted: num(r.converted),
      won: num(r.won),
      wonAmount: num(r.won_amount),
      disqualified: num(r.disqualified),
      lost: num(r.lost),
      reasons: byGroup.get(key) ?? [],
    }
  })
}

/** The settings key of the monthly MQL target. */
export const MQL_TARGET_KEY = 'mqlTargetPerMonth'

/** MQLs (leads whose `mqlAt` falls in the range) per calendar month (UTC), with the target beside them. */
export const mqlsByMonth = async (db: Db, range: Range): Promise<Array<Pick<MqlMonth, 'month' | 'mqls'>>> => {
  const rows = await db.all<{ month: string; n: number }>(sql`
    SELECT strftime('%Y-%m', mql_at / 1000, 'unixepoch') AS month, count(*) AS n
    FROM leads WHERE mql_at >= ${range.from} AND mql_at < ${range.to} GROUP BY month ORDER BY month`)
  return rows.map((r) => ({ month: r.month, mqls: num(r.n) }))
}
