/**
 * /v1/reports/...: speed to lead (and its weekly trend), SLA compliance, funnel, rejection reasons, MQLs against
 * target (owner: brief). Answers are JSON only; tables export to CSV with the shared `toCsv` (`shared/csv.ts`).
 * `manager` and `admin`; `PUT /mql-target` is `admin` only. `from`/`to` default to the last 90 days.
 * @module
 */
import { Hono } from 'hono'
import {
  FunnelQuery,
  MqlTargetInput,
  ReasonsQuery,
  ReportRange,
  SlaComplianceQuery,
  SpeedToLeadQuery,
  SpeedTrendQuery,
} from '../../shared/schemas/reports'
import type { AppEnv, Db } from '../app-env'
import { getSetting, putSetting } from '../db/queries/settings'
import {
  funnel,
  MQL_TARGET_KEY,
  mqlsByMonth,
  type Range,
  rejectionReasons,
  slaCompliance,
  speedToLead,
  speedTrend,
} from '../db/queries/reports'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'

const DAY = 86_400_000
/** Default window of every report. */
export const DEFAULT_DAYS = 90

const toRange = (q: ReportRange, now: number): Range => {
  const to = q.to ? Date.parse(q.to) : now
  return { from: q.from ? Date.parse(q.from) : to - DEFAULT_DAYS * DAY, to }
}
const isoRange = (r: Range) => ({ from: new Date(r.from).toISOString(), to: new Date(r.to).toISOString() })

const readTarget = async (db: Db): Promise<number | null> => {
  const value = await getSetting(db, MQL_TARGET_KEY)
  return typeof value === 'number' ? value : null
}

/** Months (`YYYY-MM`, UTC) touched by the range, oldest first. */
const monthsOf = (r: Range): string[] => {
  const out: string[] = []
  const d = new Date(r.from)
  let y = d.getUTCFullYear()
  let m = d.getUTCMonth()
  while (Date.UTC(y, m, 1) < r.to) {
    out.push(`${y}-${String(m + 1).padStart(2, '0')}`)
    if (++m === 12) [y, m] = [y + 1, 0]
  }
  return out
}

/** This calendar month (UTC) up to `now`, with the target's linear pace: "where should we be by today". */
const thisMonth = async (db: Db, target: number | null, now: number) => {
  const d = new Date(now)
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
  const [counted] = await mqlsByMonth(db, { from: start, to: now + 1 })
  const mqls = counted?.mqls ?? 0
  const daysInMonth = Math.round((end - start) / DAY)
  const elapsed = (now - start) / (end - start)
  return {
    month: new Date(start).toISOString().slice(0, 7),
    mqls,
    target,
    attainment: target ? Math.round((mqls / target) * 10_000) / 10_000 : null,
    expectedByNow: target === null ? null : Math.floor(target * elapsed),
    daysElapsed: Math.round(((now - start) / DAY) * 100) / 100,
    daysInMonth,
  }
}

const readers = requireRole('manager', 'admin')

export const reportRoutes = new Hono<AppEnv>()
  .get('/speed-to-lead', readers, validate('query', SpeedToLeadQuery), async (c) => {
    const q = c.req.valid('query')
    const range = toRange(q, Date.now())
    const { total, rows } = await speedToLead(c.var.db, range, q.groupBy)
    return c.json({ ...isoRange(range), groupBy: q.groupBy, total, rows })
  })
  .get('/speed-to-lead/trend', readers, validate('query', SpeedTrendQuery), async (c) => {
    const q = c.req.valid('query')
    const range = toRange(q, Date.now())
    return c.json({ ...isoRange(range), groupBy: q.groupBy, ...(await speedTrend(c.var.db, range, q.groupBy)) })
  })
  .get('/sla-compliance', readers, validate('query', SlaComplianceQuery), async (c) => {
    const now = Date.now()
    const q = c.req.valid('query')
    const range = toRange(q, now)
    return c.json({
      ...isoRange(range),
      groupBy: q.groupBy,
      rows: await slaCompliance(c.var.db, range, now, q.groupBy),
    })
  })
  .get('/reasons', readers, validate('query', ReasonsQuery), async (c) => {
    const q = c.req.valid('query')
    const range = toRange(q, Date.now())
    return c.json({ ...isoRange(range), groupBy: q.groupBy, rows: await rejectionReasons(c.var.db, range, q.groupBy) })
  })
  .get('/funnel', readers, validate('query', FunnelQuery), async (c) => {
    const q = c.req.valid('query')
    const range = toRange(q, Date.now())
    return c.json({ ...isoRange(range), groupBy: q.groupBy, rows: await funnel(c.var.db, range, q.groupBy) })
  })
  .get('/mql-target', readers, validate('query', ReportRange), async (c) => {
    const now = Date.now()
    const range = toRange(c.req.valid('query'), now)
    const [target, counted] = await Promise.all([readTarget(c.var.db), mqlsByMonth(c.var.db, range)])
    const byMonth = new Map(counted.map((m) => [m.month, m.mqls]))
    const months = monthsOf(range).map((month) => {
      const mqls = byMonth.get(month) ?? 0
      return { month, mqls, target, attainment: target ? Math.round((mqls / target) * 10_000) / 10_000 : null }
    })
    return c.json({ ...isoRange(range), target, months, thisMonth: await thisMonth(c.var.db, target, now) })
  })
  .put('/mql-target', requireRole('admin'), validate('json', MqlTargetInput), async (c) => {
    const { target } = c.req.valid('json')
    await putSetting(c.var.db, MQL_TARGET_KEY, target)
    return c.json({ target })
  })
