/**
 * /v1/reports/...: speed to lead, SLA compliance, funnel, MQLs against target (owner: brief).
 * `manager` and `admin`; `PUT /mql-target` is `admin` only. `from`/`to` default to the last 90 days.
 * @module
 */
import { Hono } from 'hono'
import { FunnelQuery, MqlTargetInput, ReportRange, SpeedToLeadQuery } from '../../shared/schemas/reports'
import type { AppEnv, Db } from '../app-env'
import { getSetting, putSetting } from '../db/queries/settings'
import { funnel, MQL_TARGET_KEY, mqlsByMonth, type Range, slaCompliance, speedToLead } from '../db/queries/reports'
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

const readers = requireRole('manager', 'admin')

export const reportRoutes = new Hono<AppEnv>()
  .get('/speed-to-lead', readers, validate('query', SpeedToLeadQuery), async (c) => {
    const q = c.req.valid('query')
    const range = toRange(q, Date.now())
    const { total, rows } = await speedToLead(c.var.db, range, q.groupBy)
    return c.json({ ...isoRange(range), groupBy: q.groupBy, total, rows })
  })
  .get('/sla-compliance', readers, validate('query', ReportRange), async (c) => {
    const now = Date.now()
    const range = toRange(c.req.valid('query'), now)
    return c.json({ ...isoRange(range), rows: await slaCompliance(c.var.db, range, now) })
  })
  .get('/funnel', readers, validate('query', FunnelQuery), async (c) => {
    const q = c.req.valid('query')
    const range = toRange(q, Date.now())
    return c.json({ ...isoRange(range), groupBy: q.groupBy, rows: await funnel(c.var.db, range, q.groupBy) })
  })
  .get('/mql-target', readers, validate('query', ReportRange), async (c) => {
    const range = toRange(c.req.valid('query'), Date.now())
    const [target, counted] = await Promise.all([readTarget(c.var.db), mqlsByMonth(c.var.db, range)])
    const byMonth = new Map(counted.map((m) => [m.month, m.mqls]))
    const months = monthsOf(range).map((month) => {
      const mqls = byMonth.get(month) ?? 0
      return { month, mqls, target, attainment: target ? Math.round((mqls / target) * 10_000) / 10_000 : null }
    })
    return c.json({ ...isoRange(range), target, months })
  })
  .put('/mql-target', requireRole('admin'), validate('json', MqlTargetInput), async (c) => {
    const { target } = c.req.valid('json')
    await putSetting(c.var.db, MQL_TARGET_KEY, target)
    return c.json({ target })
  })
