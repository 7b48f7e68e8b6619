import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { getLead, lead, MIN, pool, reset, rep, rule, tick } from './assignment-fixtures'

describe('the cron retries hand-offs that did not complete', () => {
  beforeEach(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {})
    await reset()
  })

  it('assigns a qualified, unassigned lead left behind by a failed request, and says so in the journey', async () => {
    const ana = await rep('Ana')
    const p = await pool('All', [{ repId: ana.id }])
    await rule({ name: 'all', kind: 'default', position: 1, poolId: p.id })
    const now = Date.now()
    // A lead at the threshold whose hand-off never ran (as if the request died after the score write).
    const stalled = await lead({ updatedAt: now - 10 * MIN })
    const fresh = await lead({ updatedAt: now })
    await tick(now)
    expect((await getLead(stalled)).assigneeId).toBe(ana.id)
    // A lead updated just now may still be mid-request: left alone this tick.
    expect((await getLead(fresh)).assigneeId).toBeNull()
    const note = await env.DB.prepare("SELECT actor, data FROM lead_history WHERE lead_id = ? AND actor = 'cron'")
      .bind(stalled)
      .first<{ data: string }>()
    expect(JSON.parse(note!.data).summary).toContain('Hand-off retried by the cron')
  })

  it('leaves a lead the managers were told nobody could take', async () => {
    const now = Date.now()
    const orphan = await lead({ updatedAt: now - 10 * MIN })
    await tick(now) // no rule, no rep: the hand-off alerts the managers once
    const alerts = () =>
      env.DB.prepare("SELECT count(*) AS n FROM alerts WHERE lead_id = ? AND milestone = 'no_eligible_rep'")
        .bind(orphan)
        .first<{ n: number }>()
    expect((await alerts())!.n).toBeGreaterThan(0)
    const before = (await alerts())!.n
    await tick(now + MIN)
    await tick(now + 2 * MIN)
    expect((await alerts())!.n).toBe(before)
  })
})
