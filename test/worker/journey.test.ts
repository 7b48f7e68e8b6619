import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LeadInput } from '../../shared/schemas/lead'
import worker from '../../worker/index'
import { recordDisposition } from '../../worker/domain/disposition'
import { ingestEvents } from '../../worker/domain/intake/ingest-events'
import { ingestLead } from '../../worker/domain/intake/ingest-leads'
import { api, issueToken } from './helpers'
import { ctxAt, DAY, hotLead, MIN, setupOrg } from './brief-fixtures'

type Entry = { at: string; kind: string; actor: string | null; summary: string; data: Record<string, unknown> }

const tick = async (scheduledTime: number) => {
  const ctl = createScheduledController({ cron: '* * * * *', scheduledTime })
  const ctx = createExecutionContext()
  await worker.scheduled(ctl, env, ctx)
  await waitOnExecutionContext(ctx)
}

describe('the journey of a lead reassigned after a breach, then disqualified', () => {
  const T0 = Math.floor((Date.now() - DAY) / MIN) * MIN
  const email = 'journey.lead@acme.test'
  let org: Awaited<ReturnType<typeof setupOrg>>
  let leadId: string
  let entries: Entry[]
  let first: string
  let second: string

  beforeAll(async () => {
    org = await setupOrg('jr')
    leadId = (await ingestLead(ctxAt(T0, 'intake test'), hotLead(email) as LeadInput)).leadId
    await ingestEvents(ctxAt(T0 + MIN), [
      {
        id: 'jr-pv',
        email,
        type: 'page_view',
        occurredAt: new Date(T0).toISOString(),
        properties: { path: '/pricing' },
      },
      {
        id: 'jr-demo',
        email,
        type: 'form_submit',
        occurredAt: new Date(T0 + MIN).toISOString(),
        properties: { form: 'demo_request' },
      },
    ])
    for (const m of [4, 7, 17]) await tick(T0 + m * MIN) // warnings, breach at T0+6m, reassignment 10 min later
    const manager = await issueToken('manager', org.manager.id)
    const before = (
      (await (await api(`/v1/leads/${leadId}`, { token: manager })).json()) as { lead: { assignee: { id: string } } }
    ).lead
    second = before.assignee.id
    first = second === org.repA.id ? org.repB.id : org.repA.id
    await recordDisposition(ctxAt(T0 + 18 * MIN, second), {
      leadId,
      outcome: 'disqualified',
      reason: 'no authority',
      actorId: second,
    })
    const res = await api(`/v1/leads/${leadId}/journey`, { token: manager })
    expect(res.status).toBe(200)
    entries = ((await res.json()) as { leadId: string; entries: Entry[] }).entries
  })

  it('is in time order', () => {
    const times = entries.map((e) => Date.parse(e.at))
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(entries[0]!.kind).toBe('intake')
  })

  it('tells the story: intake, score, assignment with its rule, clock, breach, reassignment, second clock, disqualification, stop', () => {
    const story = entries
      .filter((e) => e.kind !== 'event' && e.kind !== 'alert' && !(e.kind === 'sla' && e.data.event === 'warning'))
      .map((e) =>
        e.kind === 'sla'
          ? `sla:${e.data.event}`
          : e.kind === 'assignment' || e.kind === 'assignment_ended'
            ? `${e.kind}:${e.data.repId === first ? 'first' : 'second'}`
            : e.kind,
      )
    const at = (s: string) => story.indexOf(s)
    for (const s of [
      'intake',
      'score',
      'assignment:first',
      'sla:started',
      'sla:breach',
      'assignment_ended:first',
      'assignment:second',
      'disposition',
      'sla:stopped',
    ]) {
      expect(story).toContain(s)
    }
    expect(at('score')).toBeLessThan(at('assignment:first'))
    expect(at('assignment:first')).toBeLessThan(at('sla:breach'))
    expect(at('sla:breach')).toBeLessThan(at('assignment_ended:first'))
    expect(at('assignment_ended:first')).toBeLessThan(at('assignment:second'))
    expect(at('assignment:second')).toBeLessThan(at('disposition'))
    expect(story.filter((s) => s === 'sla:started')).toHaveLength(2)
  })

  it('gives each fact its details: the rule, the breach time, who disqualified and why', () => {
    const assigned = entries.find((e) => e.kind === 'assignment' && e.data.repId === first)!
    expect(assigned.data.rule).toBeTruthy()
    expect(Date.parse(assigned.at)).toBe(T0 + MIN)
    const breach = entries.find((e) => e.kind === 'sla' && e.data.event === 'breach')!
    expect(Date.parse(breach.at)).toBe(T0 + 6 * MIN)
    const ended = entries.find((e) => e.kind === 'assignment_ended')!
    // Reassigned by the first tick after breach + 10 min (ticks at T0+4m, 7m, 17m here).
    expect(Date.parse(ended.at)).toBe(T0 + 17 * MIN)
    const disposition = entries.find((e) => e.kind === 'disposition')!
    expect(disposition).toMatchObject({ actor: second, data: { outcome: 'disqualified', reason: 'no authority' } })
    const stops = entries.filter((e) => e.kind === 'sla' && e.data.event === 'stopped')
    // The first clock stops at the reassignment, the second at the disqualification (no touch was made).
    expect(stops.map((e) => [(Date.parse(e.at) - T0) / MIN, e.data.repId === first ? 'first' : 'second'])).toEqual([
      [17, 'first'],
      [18, 'second'],
    ])
    expect(entries.indexOf(disposition)).toBeLessThan(entries.indexOf(stops[1]!))
    expect(entries.some((e) => e.kind === 'alert')).toBe(true)
    expect(entries.filter((e) => e.kind === 'score').every((e) => typeof e.data.reason === 'string')).toBe(true)
  })
})
