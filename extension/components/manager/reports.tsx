import * as Plot from '@observablehq/plot'
import { useEffect, useMemo, useState } from 'preact/hooks'
import type { CsvColumn } from '../../../shared/csv'
import type {
  FunnelReport,
  FunnelRow,
  MqlTargetReport,
  ReasonRow,
  ReasonsReport,
  SlaComplianceReport,
  SlaComplianceRow,
  SpeedRow,
  SpeedToLeadReport,
  SpeedTrendPoint,
  SpeedTrendReport,
} from '../../../shared/schemas/reports'
import { formatDuration } from '../../manager/duration'
import type { ManagerRouteName } from '../../manager/manager-requests'
import type { AdminApi, AdminFailure } from '../../messaging-admin'
import { CsvButton } from './csv-button'
import { PlotChart } from './plot-chart'

const DAY = 86_400_000
const MINUTE = 60_000
const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`)
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)

type Reports = {
  speed: SpeedToLeadReport
  trend: SpeedTrendReport
  sla: SlaComplianceReport
  funnel: FunnelReport
  reasons: ReasonsReport
  mql: MqlTargetReport
}

/**
 * A table column. The CSV keeps the raw value under `header`; the table shows `share` columns (0..1) as percents
 * and `ms` columns in human units ("1 h 5 min") under `heading`, since whole minutes round a fast touch to 0.
 */
type Column<Row> = CsvColumn<Row> & { share?: true; ms?: (row: Row) => number | null; heading?: string }

const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / MINUTE))

const SPEED_COLUMNS: Column<SpeedRow>[] = [
  { header: 'Rep', value: (r) => r.label },
  { header: 'Leads', value: (r) => r.leads },
  { header: 'Touched', value: (r) => r.touched },
  { header: 'Median (min)', heading: 'Median', value: (r) => minutes(r.medianMs), ms: (r) => r.medianMs },
  { header: 'p90 (min)', heading: 'p90', value: (r) => minutes(r.p90Ms), ms: (r) => r.p90Ms },
  { header: 'Within 5 min', value: (r) => r.within5mShare, share: true },
  { header: 'Never touched', value: (r) => r.neverShare, share: true },
]
const TREND_COLUMNS: Column<SpeedTrendPoint>[] = [
  { header: 'Week', value: (p) => p.week },
  { header: 'Leads', value: (p) => p.leads },
  { header: 'Median (min)', heading: 'Median', value: (p) => minutes(p.medianMs), ms: (p) => p.medianMs },
  { header: 'p90 (min)', heading: 'p90', value: (p) => minutes(p.p90Ms), ms: (p) => p.p90Ms },
]
const SLA_COLUMNS: Column<SlaComplianceRow>[] = [
  { header: 'Rep', value: (r) => r.name },
  { header: 'Clocks', value: (r) => r.clocks },
  { header: 'Met', value: (r) => r.met },
  { header: 'Breached', value: (r) => r.breached },
  { header: 'Reassigned', value: (r) => r.reassigned },
  { header: 'Compliance', value: (r) => r.complianceRate, share: true },
]
const FUNNEL_COLUMNS: Column<FunnelRow>[] = [
  { header: 'Source', value: (r) => r.key ?? '(none)' },
  { header: 'Leads', value: (r) => r.leads },
  { header: 'MQL', value: (r) => r.mql },
  { header: 'SQL', value: (r) => r.sql },
  { header: 'Accepted', value: (r) => r.accepted },
  { header: 'Won', value: (r) => r.won },
  { header: 'Won amount', value: (r) => r.wonAmount },
  { header: 'Lead to won', value: (r) => r.rates.leadToWon, share: true },
]
const REASON_COLUMNS: Column<ReasonRow>[] = [
  { header: 'Source', value: (r) => r.key ?? '(none)' },
  { header: 'Outcome', value: (r) => r.outcome },
  { header: 'Reason', value: (r) => r.reason },
  { header: 'Leads', value: (r) => r.count },
]

/**
 * The trend's unit from its largest value: seconds, minutes or hours, so the axis reads "40 seconds", not
 * "0.667 minutes" (the CSV stays in minutes).
 */
const trendUnit = (values: number[]) => {
  const max = Math.max(0, ...values)
  if (max < 2 * MINUTE) return { name: 'seconds', ms: 1000 }
  if (max < 2 * 60 * MINUTE) return { name: 'minutes', ms: MINUTE }
  return { name: 'hours', ms: 60 * MINUTE }
}

const show = <Row,>(c: Column<Row>, row: Row): string => {
  if (c.ms) return formatDuration(c.ms(row))
  const v = c.value(row)
  if (v === null || v === undefined) return '—'
  return c.share && typeof v === 'number' ? pct(v) : String(v)
}

/** A report table with its "Export CSV" button: both from the same rows and columns. */
const Table = <Row,>({
  rows,
  columns,
  label,
  none,
  csv,
}: {
  rows: Row[]
  columns: Column<Row>[]
  label: string
  /** Said in the table when it has no rows, so an empty report does not look like a broken one. */
  none: string
  /** The export's file name, `handoff-<csv>.csv`. */
  csv: string
}) => (
  <>
    <table class="data" aria-label={label}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header}>{c.heading ?? c.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td class="none" colSpan={columns.length}>
              {none}
            </td>
          </tr>
        )}
        {rows.map((r, i) => (
          <tr key={i}>
            {columns.map((c) => (
              <td key={c.header}>{show(c, r)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
    <CsvButton name={csv} rows={rows} columns={columns} />
  </>
)

/**
 * The reports tab: speed to lead (histogram, weekly median and p90 in date order, per rep), SLA compliance per
 * rep, the funnel and the disqualification and loss reasons by source, and this month's MQLs against target,
 * over a date range; each table exports to CSV.
 */
export const ManagerReports = ({ api }: { api: Pick<AdminApi, 'managerRequest'> }) => {
  const [range, setRange] = useState(() => ({ from: day(Date.now() - 90 * DAY), to: day(Date.now() + DAY) }))
  const [reports, setReports] = useState<Reports | null>(null)
  const [error, setError] = useState<AdminFailure | null>(null)

  useEffect(() => {
    let live = true
    const query = { from: `${range.from}T00:00:00.000Z`, to: `${range.to}T00:00:00.000Z` }
    const get = async (name: ManagerRouteName, extra: Record<string, string> = {}) => {
      const res = await api.managerRequest({ kind: 'get', name, query: { ...query, ...extra } })
      if (!res.ok) throw res.error
      return res.data
    }
    Promise.all([
      get('speedToLead', { groupBy: 'rep' }),
      get('speedTrend', { groupBy: 'all' }),
      get('slaCompliance', { groupBy: 'rep' }),
      get('funnel', { groupBy: 'source' }),
      get('reasons', { groupBy: 'source' }),
      get('mqlTarget'),
    ]).then(
      ([speed, trend, sla, funnel, reasons, mql]) => {
        if (!live) return
        setReports({ speed, trend, sla, funnel, reasons, mql } as Reports)
        setError(null)
      },
      (err: AdminFailure) => live && setError(err),
    )
    return () => {
      live = false
    }
  }, [api, range])

  const points = reports?.trend.series[0]?.points ?? []
  const maxCount = Math.max(1, ...(reports?.speed.total.histogram ?? []).map((b) => b.count))
  const histogram = useMemo(
    () => ({
      // Buckets in their own order (fastest first), not sorted as text.
      x: { label: 'first touch after', domain: (reports?.speed.total.histogram ?? []).map((b) => b.label) },
      // Whole leads on the axis: with a handful of leads Plot would otherwise tick 0.2, 0.4, …
      y: { label: 'leads', grid: true, tickFormat: 'd', ticks: Math.min(5, maxCount) },
      marginBottom: 40,
      marks: [
        Plot.barY(reports?.speed.total.histogram ?? [], { x: 'label', y: 'count', fill: '#2563eb' }),
        Plot.ruleY([0]),
      ],
    }),
    [reports, maxCount],
  )
  const trend = useMemo(() => {
    const unit = trendUnit(points.flatMap((p) => [p.medianMs ?? 0, p.p90Ms ?? 0]))
    const lines = points.flatMap((p) => [
      { week: new Date(p.week), value: p.medianMs === null ? null : p.medianMs / unit.ms, measure: 'median' },
      { week: new Date(p.week), value: p.p90Ms === null ? null : p.p90Ms / unit.ms, measure: 'p90' },
    ])
    return {
      x: { label: 'week', type: 'utc' as const },
      y: { label: `${unit.name} to first touch`, grid: true, zero: true },
      marginBottom: 40,
      color: { legend: true, domain: ['median', 'p90'], range: ['#2563eb', '#f97316'] },
      marks: [
        Plot.lineY(lines, { x: 'week', y: 'value', stroke: 'measure' }),
        Plot.dot(lines, { x: 'week', y: 'value', fill: 'measure', r: 3 }),
      ],
    }
  }, [points])

  const month = reports?.mql.thisMonth
  return (
    <section aria-label="Reports" class="reports">
      <form class="range" onSubmit={(e) => e.preventDefault()}>
        <label>
          From{' '}
          <input
            type="date"
            value={range.from}
            onChange={(e) => setRange((r) => ({ ...r, from: e.currentTarget.value }))}
          />
        </label>
        <label>
          To{' '}
          <input
            type="date"
            value={range.to}
            onChange={(e) => setRange((r) => ({ ...r, to: e.currentTarget.value }))}
          />
        </label>
      </form>
      {error && (
        <p role="alert" class="error">
          {error.message}
        </p>
      )}
      {!reports && !error && <p>Loading…</p>}
      {reports && (
        <>
          <h2>Speed to lead</h2>
          <p data-testid="speed-summary">
            Median {formatDuration(reports.speed.total.medianMs)} · p90 {formatDuration(reports.speed.total.p90Ms)} ·{' '}
            {reports.speed.total.touched} of {reports.speed.total.leads} leads touched
          </p>
          <div class="charts">
            <PlotChart label="Speed to lead histogram" options={histogram} />
            <PlotChart label="Speed to lead by week" options={trend} />
          </div>
          {/* The weekly figures have no table of their own: their export sits under the chart, named. */}
          <p class="export">
            Weekly median and p90 <CsvButton name="speed-to-lead-weekly" rows={points} columns={TREND_COLUMNS} />
          </p>
          <h3>By rep</h3>
          <Table
            label="Speed to lead by rep"
            rows={reports.speed.rows}
            columns={SPEED_COLUMNS}
            none="No leads assigned in this range."
            csv="speed-to-lead-by-rep"
          />

          <h2>SLA compliance</h2>
          <Table
            label="SLA compliance by rep"
            rows={reports.sla.rows}
            columns={SLA_COLUMNS}
            none="No SLA clocks started in this range."
            csv="sla-compliance"
          />

          <h2>Funnel by source</h2>
          <Table
            label="Funnel by source"
            rows={reports.funnel.rows}
            columns={FUNNEL_COLUMNS}
            none="No leads created in this range."
            csv="funnel"
          />

          <h2>Disqualification and loss reasons</h2>
          <Table
            label="Reasons by source"
            rows={reports.reasons.rows}
            columns={REASON_COLUMNS}
            none="No lead was disqualified or lost in this range."
            csv="reasons"
          />

          <h2>MQLs this month</h2>
          <p data-testid="mql-target">
            {month
              ? month.target === null
                ? `${month.mqls} MQLs so far (no target set)`
                : `${month.mqls} of ${month.target} MQLs (${pct(month.attainment)}); ${month.expectedByNow ?? 0} expected by today`
              : '—'}
          </p>
        </>
      )}
    </section>
  )
}
