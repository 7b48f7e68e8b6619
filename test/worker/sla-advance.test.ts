import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import type { NewAlert } from '../../worker/db/queries/alerts'
import { advanceMilestone, skipMilestone } from '../../worker/db/queries/sla-advance'
import { createDb } from '../../worker/db/client'

const db = createDb(env.DB)
const T0 = Date.UTC(2026, 10, 23, 15, 0)

const clock = async (id: string, next = 0) => {
  await env.DB.prepare(
    `INSERT INTO sla_clocks (id, lead_id, assignment_id, policy_name, started_at, due_at, next_milestone, next_check_at, plan)
     VALUES (?, ?, ?, 'SQL', ?, ?, ?, ?, '[]')`,
  )
    .bind(id, `lead_${id}`, `asg_${id}`, T0, T0 + 60_000, next, T0)
    .run()
}
const clockRow = (id: string) =>
  env.DB.prepare('SELECT next_milestone, next_check_at, breached_at FROM sla_clocks WHERE id = ?').bind(id).first()
const journey = async (leadId: string) =>
  (
    await env.DB.prepare('SELECT kind, actor, data FROM lead_history WHERE lead_id = ? ORDER BY id')
      .bind(leadId)
      .all<{ kind: string; actor: string; data: string }>()
  ).results
const alertsOf = async (leadId: string) =>
  (
    await env.DB.prepare('SELECT id, state, attempts, next_attempt_at, payload FROM alerts WHERE lead_id = ?')
      .bind(leadId)
      .all()
  ).results
const alert = (clockId: string, n: string, key = 'breach'): NewAlert => ({
  id: `alr_${clockId}_${n}`,
  dedupeKey: `lead_${clockId}:${key}:asg_${clockId}:rep`,
  leadId: `lead_${clockId}`,
  assignmentId: `asg_${clockId}`,
  milestone: key,
  recipient: 'rep',
  payload: { text: 'breach' },
  createdAt: T0,
})
const entry = (clockId: string, kind: 'sla' | 'alert') => ({
  leadId: `lead_${clockId}`,
  at: T0,
  kind,
  actor: 'cron',
  data: { event: 'breach' },
})
const step = (clockId: string, n = 0) => ({ clockId, n, nextCheckAt: T0 + 30_000, breachedAt: T0 })

describe('advanceMilestone: one compare-and-set batch', () => {
  beforeEach(async () => {
    await env.DB.batch(['sla_clocks', 'lead_history', 'alerts'].map((t) => env.DB.prepare(`DELETE FROM ${t}`)))
  })

  it('moves the clock once: the winner writes its entries and alerts, a repeat writes nothing new', async () => {
    await clock('c1')
    const rows = [alert('c1', '1')]
    expect(await advanceMilestone(db, step('c1'), [entry('c1', 'sla'), entry('c1', 'alert')], rows)).toBe(true)
    expect(await clockRow('c1')).toEqual({ next_milestone: 1, next_check_at: T0 + 30_000, breached_at: T0 })
    expect(await journey('lead_c1')).toEqual([
      { kind: 'sla', actor: 'cron', data: '{"event":"breach"}' },
      { kind: 'alert', actor: 'cron', data: '{"event":"breach"}' },
    ])
    expect(await alertsOf('lead_c1')).toEqual([
      { id: 'alr_c1_1', state: 'pending', attempts: 0, next_attempt_at: T0, payload: '{"text":"breach"}' },
    ])
    // A second tick with the same step (its own alert ids, the same dedupe keys) loses the compare-and-set.
    expect(await advanceMilestone(db, step('c1'), [entry('c1', 'sla')], [alert('c1', '2')])).toBe(false)
    expect(await journey('lead_c1')).toHaveLength(2)
    expect(await alertsOf('lead_c1')).toHaveLength(1)
  })

  it('keeps an earlier breach time and writes no alert once the clock is met', async () => {
    await clock('c2')
    await env.DB.prepare('UPDATE sla_clocks SET breached_at = ? WHERE id = ?')
      .bind(T0 - 1, 'c2')
      .run()
    expect(await advanceMilestone(db, step('c2'), [], [])).toBe(true)
    expect(await clockRow('c2')).toMatchObject({ next_milestone: 1, breached_at: T0 - 1 })
    await env.DB.prepare('UPDATE sla_clocks SET met_at = ? WHERE id = ?').bind(T0, 'c2').run()
    expect(await advanceMilestone(db, step('c2', 1), [entry('c2', 'sla')], [alert('c2', '1')])).toBe(false)
    expect(await journey('lead_c2')).toEqual([])
    expect(await alertsOf('lead_c2')).toEqual([])
  })

  it('skips a milestone without touching the breach time', async () => {
    await clock('c3')
    await skipMilestone(db, { clockId: 'c3', n: 0, nextCheckAt: null, breachedAt: null })
    expect(await clockRow('c3')).toEqual({ next_milestone: 1, next_check_at: null, breached_at: null })
  })
})
