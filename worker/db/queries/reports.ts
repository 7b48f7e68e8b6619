/**
 * Report aggregates, computed in D1 (SQL over indexed columns; percentiles by window functions).
 * Times are epoch ms; `from` inclusive, `to` exclusive.
 * @module
 */
import { type SQL, sql } from 'drizzle-orm'
import {
  type FunnelRow,
  type MqlMonth,
  type ReasonCount,
  type ReasonRow,
  type SlaComplianceRow,
  SPEED_BUCKETS,
  type SpeedRow,
  type SpeedTrendPoint,
} from '../../../shared/schemas/reports'
import type { Db } from '../../app-env'

const FIVE_MIN = 5 * 60_000
const HOUR = 60 * 60_000

export type Range = { from: number; to: number }

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v))
const share = (part: unknown, whole: unknown) =>
  num(whole) === 0 ? 0 : Math.round((num(part) / num(whole)) * 10_000) / 10_000
const secs = (ms: unknown) => (ms === null || ms === undefined ? null : Number(ms) / 1000)

/** Monday (`YYYY-MM-DD`, UTC) of the ISO week of an epoch-ms column. */
const mondayOf = (col: SQL) => sql`date(${col} / 1000, 'unixepoch', 'weekday 0', '-6 days')`

/**
 * One row per lead first handed off in the range: its source, the Monday of that hand-off, and the delay from
 * it to the lead's first touch (null: never touched).
 */
const leadSamples = (range: Range) => sql`
  SELECT l.source AS source, ${mondayOf(sql`h.handoff_at`)} AS week, max(l.first_touch_at - h.handoff_at, 0) AS delay
  FROM (
    SELECT a.lead_id, a.assigned_at AS handoff_at FROM assignments a
    WHERE a.assigned_at >= ${range.from} AND a.assigned_at < ${range.to}
      AND NOT EXISTS (SELECT 1 FROM assignments p WHERE p.lead_id = a.lead_id AND (p.assigned_at < a.assigned_at OR (p.assigned_at = a.assigned_at AND p.id < a.id)))
  ) h JOIN leads l ON l.id = h.lead_id`

/**
 * One row per assignment made in the range while the lead was still untouched: its rep, the Monday of the
 * assignment and the delay charged to that rep. The first touch counts for the assignment that held the lead
 * when it happened (`assigned_at <= first_touch_at < ended_at`), measured from that assignment; an assignment
 * that ended before any touch is "never" for its rep. So a reassigned lead's earlier wait stays with the rep
 * who let it wait, not with the one who finally called.
 */
const repSamples = (range: Range) => sql`
  SELECT a.rep_id AS rep, ${mondayOf(sql`a.assigned_at`)} AS week,
    CASE WHEN l.first_touch_at IS NOT NULL AND (a.ended_at IS NULL OR l.first_touch_at < a.ended_at)
      THEN l.first_touch_at - a.assigned_at END AS delay
  FROM assignments a JOIN leads l ON l.id = a.lead_id
  WHERE a.assigned_at >= ${range.from} AND a.assigned_at < ${range.to}
    AND (l.first_touch_at IS NULL OR l.first_touch_at >= a.assigned_at)`

/** `sum(...) AS b0, …` per histogram bucket. */
const bucketSums = sql.join(
  SPEED_BUCKETS.map(
    (b, i) =>
      sql`sum(delay >= ${b.fromMs}${b.toMs === null ? sql`` : sql` AND delay < ${b.toMs}`}) AS ${sql.raw(`b${i}`)}`,
  ),
  sql`, `,
)

/** Counts, shares, nearest-rank median and p90 of `d(grp, delay)` per `grp` (and per `week` when asked). */
const aggregate = (byWeek: boolean) => {
  const keys = byWeek ? sql`grp, week` : sql`grp`
  const on = byWeek ? sql`p.grp IS g.grp AND p.week = g.week` : sql`p.grp IS g.grp`
  return sql`
    g AS (
      SELECT ${keys}, count(*) AS leads, count(delay) AS touched, sum(delay <= ${FIVE_MIN}) AS within5,
        sum(delay <= ${HOUR}) AS within1h, sum(delay IS NULL) AS never, ${bucketSums}
      FROM d GROUP BY ${keys}
    ),
    r AS (
      SELECT ${keys}, delay, row_number() OVER (PARTITION BY ${keys} ORDER BY delay) AS rn,
        count(*) OVER (PARTITION BY ${keys}) AS n
      FROM d WHERE delay IS NOT NULL
    ),
    p AS (
      SELECT ${keys}, max(CASE WHEN rn = (n * 50 + 99) / 100 THEN delay END) AS median,
        max(CASE WHEN rn = (n * 90 + 99) / 100 THEN delay END) AS p90
      FROM r GROUP BY ${keys}
    ),
    out AS (SELECT g.*, p.median, p.p90 FROM g LEFT JOIN p ON ${on})`
}

const ms = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)))

const histogram = (r: Record<string, unknown>) =>
  SPEED_BUCKETS.map((b, i) => ({ label: b.label, fromMs: b.fromMs, toMs: b.toMs, count: num(r[`b${i}`]) }))

const speedRow = (r: Record<string, unknown>, key: string | null, label: string): SpeedRow => ({
  key,
  label,
  leads: num(r.leads),
  touched: num(r.touched),
  medianSeconds: secs(r.median),
  p90Seconds: secs(r.p90),
  medianMs: ms(r.median),
  p90Ms: ms(r.p90),
  within5mShare: share(r.within5, r.leads),
  within1hShare: share(r.within1h, r.leads),
  neverShare: share(r.never, r.leads),
  histogram: histogram(r),
})

/** The group key of the overall row, computed in the same pass as the groups. */
const TOTAL = '\u0000total'

type SpeedGroup = 'rep' | 'source' | 'week'

/**
 * Speed to lead per group plus the overall `total`, in one statement. By `rep`, samples are the assignments each
 * rep held (time charged to the owner who held the clock, see `repSamples`); by `source` and `week`, and in
 * `total`, samples are leads, from the first hand-off to the first touch. Weeks are listed in date order, other
 * groups by size. Median and p90 are nearest-rank over touched samples.
 * @example const { total, rows } = await speedToLead(db, { from, to }, 'rep')
 */
export const speedToLead = async (
  db: Db,
  range: Range,
  groupBy: SpeedGroup,
): Promise<{ total: SpeedRow; rows: SpeedRow[] }> => {
  const groups =
    groupBy === 'rep' ? sql`SELECT rep AS grp, delay FROM rv` : sql`SELECT ${sql.raw(groupBy)} AS grp, delay FROM lv`
  const rows = await db.all<Record<string, unknown>>(sql`
    WITH lv AS MATERIALIZED (${leadSamples(range)}),
    rv AS (${repSamples(range)}),
    d AS (${groups} UNION ALL SELECT ${TOTAL}, delay FROM lv),
    ${aggregate(false)}
    SELECT out.*, reps.name AS rep_name
    FROM out LEFT JOIN reps ON ${groupBy === 'rep' ? sql`reps.id = out.grp` : sql`0`}
    ORDER BY ${groupBy === 'week' ? sql`out.grp` : sql`out.leads DESC, out.grp`}`)
  const mapped = rows.map((r) => {
    const key = r.grp === null ? null : String(r.grp)
    return speedRow(r, key, r.rep_name ? String(r.rep_name) : (key ?? '(none)'))
  })
  const total = rows.find((r) => r.grp === TOTAL)
  return {
    total: speedRow(total ?? {}, 'all', 'all'),
    rows: mapped.filter((r) => r.key !== TOTAL),
  }
}

/**
 * Every Monday (`YYYY-MM-DD`, UTC) from the week holding `from` to the week holding `to - 1`, oldest first.
 * @example mondays({ from: Date.UTC(2026, 9, 1), to: Date.UTC(2026, 9, 13) }) // ['2026-09-28', '2026-10-05', '2026-10-12']
 */
export const mondays = (range: Range): string[] => {
  const day = 86_400_000
  const first = new Date(range.from)
  let t = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate())
  t -= ((new Date(t).getUTCDay() + 6) % 7) * day
  const out: string[] = []
  for (; t < range.to; t += 7 * day) out.push(new Date(t).toISOString().slice(0, 10))
  return out
}

/**
 * Weekly median and p90 per series (`all`, each `rep`, each `source`), weeks in date order with empty weeks
 * filled, same sampling rules as {@link speedToLead}.
 * @example const { weeks, series } = await speedTrend(db, { from, to }, 'rep')
 */
export const speedTrend = async (db: Db, range: Range, groupBy: 'all' | SpeedGroup) => {
  const d =
    groupBy === 'rep'
      ? sql`SELECT rep AS grp, week, delay FROM (${repSamples(range)})`
      : sql`SELECT ${groupBy === 'source' ? sql`source` : sql`'all'`} AS grp, week, delay FROM (${leadSamples(range)})`
  const rows = await db.all<Record<string, unknown>>(sql`
    WITH d AS (${d}),
    ${aggregate(true)}
    SELECT out.*, reps.name AS rep_name
    FROM out LEFT JOIN reps ON ${groupBy === 'rep' ? sql`reps.id = out.grp` : sql`0`}
    ORDER BY out.week, out.grp`)
  const weeks = mondays(range)
  const series = new Map<
    string | null,
    { key: string | null; label: string; total: number; byWeek: Map<string, SpeedTrendPoint> }
  >()
  for (const r of rows) {
    const key = r.grp === null ? null : String(r.grp)
    const s =
      series.get(key) ??
      series
        .set(key, { key, label: r.rep_name ? String(r.rep_name) : (key ?? '(none)'), total: 0, byWeek: new Map() })
        .get(key)!
    s.total += num(r.leads)
    const week = String(r.week)
    s.byWeek.set(week, { week, leads: num(r.leads), touched: num(r.touched), medianMs: ms(r.median), p90Ms: ms(r.p90) })
  }
  return {
    weeks,
    series: [...series.values()]
      .sort((a, b) => b.total - a.total || String(a.key).localeCompare(String(b.key)))
      .map((s) => ({
        key: s.key,
        label: s.label,
        points: weeks.map((week) => s.byWeek.get(week) ?? { week, leads: 0, touched: 0, medianMs: null, p90Ms: null }),
      })),
  }
}

/**
 * SLA compliance over clocks started in the range, per rep (the rep who held each clock) or per policy: met in
 * time, breached (late, or overdue and untouched), reassigned (the assignment ended and the lead went to someone
 * else), still open, stopped.
 * @example await slaCompliance(db, { from, to }, Date.now(), 'policy')
 */
export const slaCompliance = async (
  db: Db,
  range: Range,
  now: number,
  groupBy: 'rep' | 'policy' = 'rep',
): Promise<SlaComplianceRow[]> => {
  const byRep = groupBy === 'rep'
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT ${byRep ? sql`c.rep_id` : sql`c.policy_name`} AS grp, ${byRep ? sql`reps.name` : sql`c.policy_name`} AS name,
      count(*) AS clocks,
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
    GROUP BY 1
    ORDER BY 2`)
  return rows.map((r) => {
    const met = num(r.met)
    const breached = num(r.breached)
    const key = r.grp === null ? null : String(r.grp)
    return {
      key,
      repId: byRep ? key : null,
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
    reasonsQuery(db, range, grp),
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
    const [leads, mql, sqls, accepted, won] = [r.leads, r.mql, r.sql, r.accepted, r.won].map(num) as [
      number,
      number,
      number,
      number,
      number,
    ]
    return {
      key,
      leads,
      mql,
      sql: sqls,
      accepted,
      converted: num(r.converted),
      won,
      wonAmount: num(r.won_amount),
      disqualified: num(r.disqualified),
      lost: num(r.lost),
      reasons: byGroup.get(key) ?? [],
      rates: {
        mql: share(mql, leads),
        sql: share(sqls, mql),
        accepted: share(accepted, sqls),
        won: share(won, accepted),
        leadToWon: share(won, leads),
      },
    }
  })
}

/** Disqualification and loss dispositions of leads created in the range, per group, outcome and reason. */
const reasonsQuery = (db: Db, range: Range, grp: SQL) =>
  db.all<Record<string, unknown>>(sql`
    SELECT l.${grp} AS grp, d.outcome, coalesce(d.reason, '(none)') AS reason, count(*) AS n
    FROM dispositions d JOIN leads l ON l.id = d.lead_id
    WHERE l.created_at >= ${range.from} AND l.created_at < ${range.to} AND d.outcome IN ('disqualified', 'lost')
    GROUP BY 1, 2, 3 ORDER BY n DESC, reason`)

/**
 * Disqualification and loss reasons by source (or campaign) as flat rows with their share of the group's
 * rejections; groups by size, then largest reason first.
 * @example await rejectionReasons(db, { from, to }, 'source') // [{ key: 'web', outcome: 'lost', reason: 'timing', count: 3, share: 0.5 }, …]
 */
export const rejectionReasons = async (
  db: Db,
  range: Range,
  groupBy: keyof typeof FUNNEL_GROUPS,
): Promise<ReasonRow[]> => {
  const rows = await reasonsQuery(db, range, FUNNEL_GROUPS[groupBy])
  const totals = new Map<string | null, number>()
  for (const r of rows) {
    const key = r.grp === null ? null : String(r.grp)
    totals.set(key, (totals.get(key) ?? 0) + num(r.n))
  }
  return rows
    .map((r) => {
      const key = r.grp === null ? null : String(r.grp)
      return {
        key,
        outcome: r.outcome as ReasonRow['outcome'],
        reason: String(r.reason),
        count: num(r.n),
        share: share(r.n, totals.get(key)),
      }
    })
    .sort(
      (a, b) =>
        totals.get(b.key)! - totals.get(a.key)! ||
        String(a.key).localeCompare(String(b.key)) ||
        b.count - a.count ||
        a.reason.localeCompare(b.reason),
    )
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
