/**
 * The team board: per rep, the untouched leads by SLA state, first-touch medians today and this week, SLA
 * compliance this week, capacity and out-of-office. "Today" and "this week" (from Monday) are in the rep's own
 * time zone. One batched read for the whole team, then pure arithmetic.
 * @module
 */
import type { OutOfOffice } from '../../../shared/schemas/admin'
import type { BoardRep, ManagerBoard } from '../../../shared/schemas/manager'
import { startOfZonedDay, zonedParts } from '../../../shared/time/zoned'
import type { Db } from '../../app-env'
import { boardRows } from '../../db/queries/manager'
import { summarizeClocks } from '../sla/summary'

const DAY = 86_400_000

/** Nearest-rank median (the same rule as the reports), null for no samples. */
const median = (values: number[]) => {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  return Math.round(sorted[Math.ceil(sorted.length * 0.5) - 1]!)
}

/** Start of the rep's day and of their ISO week (Monday) at `now`. */
const windows = (now: number, timeZone: string) => {
  const today = startOfZonedDay(now, timeZone)
  const week = startOfZonedDay(now - (zonedParts(now, timeZone).weekday - 1) * DAY, timeZone)
  return { today, week }
}

/** The out-of-office range the rep is in, else the next one ahead. */
const awayRange = (ranges: OutOfOffice[], now: number) => {
  const current = ranges.find((r) => Date.parse(r.start) <= now && now < Date.parse(r.end))
  if (current) return { now: true, range: current }
  const next = ranges.filter((r) => Date.parse(r.start) > now).sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
  return { now: false, range: next[0] ?? null }
}

/**
 * The board at `now`.
 * @example const board = await teamBoard(db, Date.now())
 */
export const teamBoard = async (db: Db, now: number): Promise<ManagerBoard> => {
  // Eight days back covers the start of "this week" in every time zone.
  const rows = await boardRows(db, now - 8 * DAY)
  const clocksBy = new Map<string, typeof rows.openClocks>()
  for (const c of rows.openClocks) (clocksBy.get(c.leadId) ?? clocksBy.set(c.leadId, []).get(c.leadId)!).push(c)
  const boards: BoardRep[] = rows.reps.map((rep) => {
    const timeZone = rep.timeZone || 'UTC'
    const { today, week } = windows(now, timeZone)
    const open = rows.openLeads.filter((l) => l.assigneeId === rep.id)
    const states = open.map((l) => summarizeClocks(clocksBy.get(l.id) ?? [], now).state)
    const delays = (from: number) =>
      rows.touches
        .filter((t) => t.repId === rep.id && t.touchedAt !== null && t.touchedAt >= from && t.touchedAt <= now)
        .map((t) => t.touchedAt! - t.assignedAt)
    const touchWindow = (from: number) => {
      const d = delays(from)
      return { from: new Date(from).toISOString(), touched: d.length, medianMs: median(d) }
    }
    const clocks = rows.clocks.filter((c) => c.repId === rep.id && c.startedAt >= week)
    const met = clocks.filter((c) => c.metAt !== null && c.metAt <= c.dueAt).length
    const breached = clocks.filter(
      (c) =>
        c.breachedAt !== null ||
        (c.metAt !== null && c.metAt > c.dueAt) ||
        (c.metAt === null && (c.stoppedAt ?? now) >= c.dueAt),
    ).length
    // The same load routing compares with `capacity` (`openLoads`): assigned and untouched.
    const load = open.filter((l) => l.status === 'assigned').length
    return {
      rep: { id: rep.id, name: rep.name, email: rep.email, role: rep.role, active: rep.active },
      timeZone,
      counts: {
        open: open.length,
        dueSoon: states.filter((s) => s === 'due_soon').length,
        overdue: states.filter((s) => s === 'breached').length,
      },
      firstTouch: { today: touchWindow(today), week: touchWindow(week) },
      sla: {
        clocks: clocks.length,
        met,
        breached,
        complianceRate: met + breached === 0 ? null : Math.round((met / (met + breached)) * 10_000) / 10_000,
      },
      capacity: { open: load, max: rep.capacity, full: rep.capacity !== null && load >= rep.capacity },
      outOfOffice: awayRange((rep.outOfOffice ?? []) as OutOfOffice[], now),
    }
  })
  const sum = (k: keyof BoardRep['counts']) => boards.reduce((n, b) => n + b.counts[k], 0)
  return {
    now: new Date(now).toISOString(),
    reps: boards,
    totals: { open: sum('open'), dueSoon: sum('dueSoon'), overdue: sum('overdue') },
  }
}
