/**
 * The journey of one lead: everything that happened to it, oldest first. The history log supplies
 * intake, events, score and status changes; the assignment, SLA clock, touch, disposition and alert
 * tables are the record of those facts and supply them (so nothing appears twice).
 * @module
 */
import type { Db } from '../app-env'
import { journeyRows } from '../db/queries/journey'
import { systemName } from './system-names'
import { SUBSCRIBER } from './alerts/lead-events'

export type JourneyEntry = {
  at: string
  kind: string
  actor: string | null
  summary: string
  data: Record<string, unknown>
}

/** History kinds whose facts come from their own tables instead. */
const FROM_TABLES = new Set(['assignment', 'touch', 'disposition', 'alert', 'sla'])

/** Order of kinds at the same instant: cause before effect. */
const ORDER = [
  'intake',
  'event',
  'score',
  'status',
  'touch',
  'disposition',
  'assignment_ended',
  'assignment',
  'sla',
  'alert',
]

const iso = (ms: number) => new Date(ms).toISOString()
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {})

const historySummary = (kind: string, d: Record<string, unknown>): string => {
  if (typeof d.summary === 'string') return d.summary
  if (kind === 'score' && d.to !== undefined) return `Score ${d.from ?? 0} → ${d.to}${d.reason ? ` (${d.reason})` : ''}`
  if (kind === 'status' && d.to !== undefined) return `Status ${d.from ?? '?'} → ${d.to}`
  if (kind === 'intake') return `Intake${d.via ? ` via ${d.via}` : ''}${d.created === false ? ' (update)' : ''}`
  if (kind === 'event' && d.type) return `Event ${d.type}`
  return kind
}

/**
 * The journey of a lead (empty for an unknown id; callers check existence).
 * @example const entries = await leadJourney(db, leadId)
 */
export const leadJourney = async (db: Db, leadId: string): Promise<JourneyEntry[]> => {
  const { history, assigned, clocks, touched, disposed, alerted, people } = await journeyRows(db, leadId)
  const name = new Map(people.map((p) => [p.id, p.name]))
  const who = (id: string | null) => (id ? (name.get(id) ?? id) : 'nobody')
  const out: Array<JourneyEntry & { ms: number }> = []
  const push = (ms: number, kind: string, actor: string | null, summary: string, data: Record<string, unknown>) =>
    out.push({ ms, at: iso(ms), kind, actor, summary, data })

  for (const h of history) {
    if (FROM_TABLES.has(h.kind)) continue
    const d = obj(h.data)
    push(h.at, h.kind, h.actor, historySummary(h.kind, d), d)
  }
  for (const a of assigned) {
    push(a.assignedAt, 'assignment', null, `Assigned to ${who(a.repId)} (rule: ${a.rule}; ${a.reason})`, {
      assignmentId: a.id,
      repId: a.repId,
      poolId: a.poolId,
      rule: a.rule,
      reason: a.reason,
    })
    if (a.endedAt !== null) {
      push(a.endedAt, 'assignment_ended', null, `Taken from ${who(a.repId)}${a.endReason ? ` (${a.endReason})` : ''}`, {
        assignmentId: a.id,
        repId: a.repId,
        endReason: a.endReason,
      })
    }
  }
  for (const c of clocks) {
    const base = { clockId: c.id, assignmentId: c.assignmentId, policy: c.policyName, repId: c.repId }
    push(c.startedAt, 'sla', null, `SLA ${c.policyName} started, due ${iso(c.dueAt)}`, {
      ...base,
      event: 'started',
      dueAt: iso(c.dueAt),
    })
    // Milestones the cron has processed: warnings, the breach, escalation steps (alerts or reassignment).
    const done = (Array.isArray(c.plan) ? (c.plan as Array<Record<string, unknown>>) : []).slice(0, c.nextMilestone)
    for (const m of done) {
      const at = typeof m.at === 'number' ? m.at : c.dueAt
      const kind = String(m.kind ?? 'milestone')
      const detail =
        kind === 'warning'
          ? `SLA ${c.policyName} warning (${Math.round(Number(m.fraction ?? 0) * 100)}% used)`
          : kind === 'breach'
            ? `SLA ${c.policyName} breached`
            : kind === 'reassign'
              ? `SLA ${c.policyName} escalation: reassign`
              : `SLA ${c.policyName} escalation to ${Array.isArray(m.to) ? m.to.join(', ') : 'managers'}`
      push(at, 'sla', null, detail, { ...base, event: kind, milestone: m.key ?? null })
    }
    if (c.breachedAt !== null && !done.some((m) => m.kind === 'breach')) {
      push(c.breachedAt, 'sla', null, `SLA ${c.policyName} breached`, { ...base, event: 'breach' })
    }
    if (c.metAt !== null) {
      const late = c.metAt > c.dueAt
      push(c.metAt, 'sla', null, `SLA ${c.policyName} met${late ? ' late' : ''}`, { ...base, event: 'met', late })
    }
    if (c.stoppedAt !== null)
      push(c.stoppedAt, 'sla', null, `SLA ${c.policyName} stopped`, { ...base, event: 'stopped' })
  }
  for (const t of touched) {
    const where = t.system ? ` in ${systemName(t.system)}` : t.via === 'crm' ? ' in the CRM' : ''
    push(t.at, 'touch', t.repId, `Logged ${t.channel}${where} by ${who(t.repId)}`, {
      touchId: t.id,
      channel: t.channel,
      via: t.via,
      system: t.system,
      repId: t.repId,
      note: t.note,
    })
  }
  for (const d of disposed) {
    push(
      d.at,
      'disposition',
      d.actorId,
      `Marked ${d.outcome}${d.reason ? ` (${d.reason})` : ''}${d.amount !== null ? `, ${d.amount}` : ''}${d.system ? ` in ${systemName(d.system)}` : ''}`,
      {
        system: d.system,
        dispositionId: d.id,
        outcome: d.outcome,
        reason: d.reason,
        note: d.note,
        amount: d.amount,
        actorId: d.actorId,
      },
    )
  }
  for (const a of alerted) {
    const what = a.recipient === SUBSCRIBER ? `Event ${a.milestone} to a subscriber` : `Alert ${a.milestone}`
    push(a.createdAt, 'alert', null, `${what} (${a.state})`, {
      alertId: a.id,
      milestone: a.milestone,
      assignmentId: a.assignmentId,
      channelId: a.channelId,
      state: a.state,
      sentAt: a.sentAt === null ? null : iso(a.sentAt),
    })
  }
  const rank = (k: string) => ORDER.indexOf(k) + 1 || ORDER.length + 1
  out.sort((a, b) => a.ms - b.ms || rank(a.kind) - rank(b.kind))
  return foldAnonymous(out).map(({ ms: _ms, ...e }) => e)
}

/**
 * Anyone can post the public form, so 200 posts must not bury the journey: within a run of entries from the
 * same form (nothing else between them), entries with the same kind and summary fold into one, carrying
 * `count`, `firstAt` and the time of the last.
 * @example foldAnonymous(entries) // 200 × "Intake (update)" from form:Website → one entry "Intake (update) ×200"
 */
export const foldAnonymous = <E extends JourneyEntry & { ms: number }>(entries: readonly E[]): E[] => {
  const out: E[] = []
  let run: E[] = []
  const flush = () => {
    const byKey = new Map<string, E>()
    for (const e of run) {
      const key = `${e.kind}|${e.summary}`
      const prev = byKey.get(key)
      const count = prev ? Number(prev.data.count ?? 1) + 1 : 1
      byKey.set(
        key,
        prev ? { ...e, data: { ...e.data, count, firstAt: prev.data.firstAt ?? prev.at, baseSummary: e.summary } } : e,
      )
    }
    for (const e of byKey.values())
      out.push(e.data.count ? { ...e, summary: `${String(e.data.baseSummary)} ×${String(e.data.count)}` } : e)
    run = []
  }
  for (const e of entries) {
    if (run.length > 0 && e.actor !== run[0]!.actor) flush()
    if (e.actor?.startsWith('form:')) run.push(e)
    else out.push(e)
  }
  flush()
  return out
}
