/**
 * The demo seed: a deterministic 90-day history ending at `ctx.now`, produced by the same domain code as
 * real use. Prospects arrive through `ingestLead`/`ingestEvents` at their own times, qualified leads are
 * handed off by intake, reps touch them through `recordTouch` at realistic delays (in their working hours),
 * dispositions go through `recordDisposition`, and the cron tick (`runTick`) runs whenever a clock has a
 * milestone due, so every warning, breach and reassignment is true. A few leads arrive in the last hour so
 * that queues have something running, due soon and overdue right now.
 * @module
 */
import type { EventInput, TouchChannel } from '../../../shared/schemas/lead'
import { type Calendar, nextOpening } from '../../../shared/time'
import { runTick } from '../../cron'
import { getCurrentCriteria } from '../../db/queries/criteria'
import { countLeads, leadProgress } from '../../db/queries/leads'
import { getCalendar } from '../../db/queries/reps'
import { checkTimesUntil } from '../../db/queries/sla'
import { insertToken } from '../../db/queries/tokens'
import { newId, randomToken, sha256Hex } from '../../lib/crypto'
import type { DomainCtx } from '../context'
import { recordDisposition } from '../disposition'
import { ingestEvents } from '../intake/ingest-events'
import { ingestLead } from '../intake/ingest-leads'
import { recordTouch } from '../touch'
import { createDemoOrg, DEMO_MANAGERS, DEMO_REPS } from './org'
import { DAY, HOUR, MIN, type Prospect, prospect } from './people'
import { draw, mulberry32 } from './random'

export const DEMO_SEED = 20261123
export const DEMO_DAYS = 90
export const DEMO_LEADS = 300

export type DemoToken = { name: string; email: string; token: string }
export type SeedResult = {
  seeded: true
  leads: number
  tokens: { reps: DemoToken[]; manager: DemoToken; intake: string }
}

type Action = { at: number; seq: number; run: () => Promise<void> }

/** Actions in time order (stable for equal times), so the history unfolds as it would have. */
class Timeline {
  private items: Action[] = []
  private seq = 0
  constructor(readonly end: number) {}
  add(at: number, run: () => Promise<void>) {
    if (at > this.end) return
    this.items.push({ at, seq: this.seq++, run })
  }
  next(): Action | undefined {
    if (this.items.length === 0) return undefined
    let best = 0
    for (let i = 1; i < this.items.length; i++) {
      const a = this.items[i]!
      const b = this.items[best]!
      if (a.at < b.at || (a.at === b.at && a.seq < b.seq)) best = i
    }
    return this.items.splice(best, 1)[0]
  }
}

const REJECT = ['no budget', 'no authority', 'not a fit', 'timing', 'existing customer', 'bad data']
const EARLY_DQ = ['student', 'bad data', 'competitor', 'existing customer']
const LOST = ['chose competitor', 'no budget', 'timing']
const CHANNELS: ReadonlyArray<readonly [TouchChannel, number]> = [
  ['call', 5],
  ['email', 4],
  ['linkedin', 2],
  ['meeting', 1],
]

const issueToken = async (
  db: DomainCtx['db'],
  role: 'rep' | 'manager' | 'intake',
  name: string,
  repId: string | null,
) => {
  const token = randomToken(role)
  await insertToken(db, {
    id: newId('tok'),
    tokenHash: await sha256Hex(token),
    role,
    repId,
    name,
    createdBy: 'demo seed',
  })
  return token
}

/**
 * Seeds the demo organisation and its history. Call on an empty database.
 * @example const result = await seedDemo({ db, env, now: Date.now() })
 */
export const seedDemo = async (ctx: DomainCtx, opts: { seed?: number; leads?: number } = {}): Promise<SeedResult> => {
  const { db } = ctx
  const end = ctx.now
  const rnd = mulberry32(opts.seed ?? DEMO_SEED)
  const d = draw(rnd)
  const count = opts.leads ?? DEMO_LEADS
  // 90 days of history send hundreds of log-channel alerts: counted, and summed up in one line at the end.
  let historyAlerts = 0
  const logAlert = () => void historyAlerts++
  const at = (now: number): DomainCtx => ({ db, env: ctx.env, now, actor: 'demo', logAlert })
  await createDemoOrg(db)
  await getCurrentCriteria(db)
  const calendars = new Map<string, Calendar | null>()
  for (const r of [...DEMO_REPS, ...DEMO_MANAGERS]) calendars.set(r.id, await getCalendar(db, r.calendarId))

  const timeline = new Timeline(end)
  const ticks = new Set<number>()
  /** A tick at every milestone a clock has due (the cron would run each minute; these are the minutes that matter). */
  const scheduleTicks = async () => {
    for (const t of await checkTimesUntil(db, end)) {
      const minute = Math.ceil(t / MIN) * MIN
      if (ticks.has(minute)) continue
      ticks.add(minute)
      timeline.add(minute, async () => {
        await runTick(at(minute))
        await scheduleTicks()
      })
    }
  }

  const leadRow = (id: string) => leadProgress(db, id)

  /** What the rep does once the lead is theirs: touch it (or not), then work it to an outcome. */
  const followUp = (leadId: string, handedAt: number, repId: string, p: Prospect) => {
    const cal = calendars.get(repId) ?? null
    const hot = p.intent === 'hot'
    // Hot leads get a response round the clock half of the time; otherwise reps answer in their working hours.
    const start = hot && d.chance(0.5) ? handedAt : cal ? nextOpening(handedAt, cal) : handedAt
    const r = rnd()
    if (r < 0.05) {
      const reason = d.pick(EARLY_DQ)
      const when = handedAt + d.int(3, 40) * MIN
      timeline.add(when, async () => {
        const lead = await leadRow(leadId)
        if (!lead || lead.firstTouchAt !== null) return
        await recordDisposition(at(when), {
          leadId,
          outcome: 'disqualified',
          reason,
          note: 'Spotted before the first call',
          actorId: lead.assigneeId,
        })
      })
      return
    }
    if (r < 0.1) return // never touched: falls through the cracks (breach, reassignment, escalation)
    const delay =
      r < 0.45
        ? d.int(1, 4) * MIN + d.int(0, 59) * 1000
        : r < 0.7
          ? d.int(5, 55) * MIN
          : r < 0.88
            ? d.int(1, 5) * HOUR
            : d.int(6, 30) * HOUR
    const touchAt = start + delay
    timeline.add(touchAt, async () => {
      const lead = await leadRow(leadId)
      if (!lead || lead.firstTouchAt !== null || !['assigned', 'sql', 'mql', 'new'].includes(lead.status)) return
      await recordTouch(at(touchAt), {
        leadId,
        channel: d.weighted(CHANNELS),
        via: 'rep',
        at: touchAt,
        note: d.chance(0.3) ? 'Left a voicemail' : undefined,
      })
      planOutcome(leadId, touchAt, p)
    })
  }

  const dispose = (
    leadId: string,
    when: number,
    outcome: 'accepted' | 'disqualified' | 'recycled' | 'converted' | 'won' | 'lost',
    extra: { reason?: string; amount?: number; note?: string } = {},
  ) =>
    timeline.add(when, async () => {
      const lead = await leadRow(leadId)
      if (!lead) return
      await recordDisposition(at(when), { leadId, outcome, ...extra, actorId: lead.assigneeId })
    })

  const planOutcome = (leadId: string, touchedAt: number, p: Prospect) => {
    const t1 = touchedAt + d.int(2, 72) * HOUR
    const r = rnd()
    if (r > p.quality + 0.15) {
      dispose(leadId, t1, 'disqualified', { reason: d.pick(REJECT) })
      return
    }
    if (r > p.quality) {
      dispose(leadId, t1, 'recycled', { note: 'Not now: nurture' })
      return
    }
    dispose(leadId, t1, 'accepted')
    if (!d.chance(0.6)) return
    const t2 = t1 + d.int(1, 10) * DAY
    dispose(leadId, t2, 'converted')
    const t3 = t2 + d.int(7, 30) * DAY
    const won = d.chance(0.45)
    if (won) dispose(leadId, t3, 'won', { amount: d.int(8, 90) * 1000 })
    else if (d.chance(0.6)) dispose(leadId, t3, 'lost', { reason: d.pick(LOST) })
  }

  /** One prospect's arrival and engagement; the hand-off (by intake) triggers the rep's follow-up. */
  const arrive = (p: Prospect, arrival: number, i: number) => {
    let leadId: string | null = null
    let followed = false
    // Clocks start only at a hand-off, so ticks need scheduling only then (and after each tick).
    const watch = async () => {
      if (!leadId || followed) return
      const lead = await leadRow(leadId)
      if (lead?.assigneeId && lead.assignedAt !== null) {
        followed = true
        await scheduleTicks()
        followUp(leadId, lead.assignedAt, lead.assigneeId, p)
      }
    }
    timeline.add(arrival, async () => {
      leadId = (await ingestLead(at(arrival), p.input, { source: p.input.source })).leadId
    })
    // A casual visitor's few visits are sent as one batch at the last of them (fewer intake calls).
    const sessions =
      p.intent === 'cool' && p.sessions.length > 1
        ? [{ offset: 0, events: p.sessions.flatMap((s) => s.events.map((e) => ({ ...e, dt: e.dt + s.offset }))) }]
        : p.sessions
    sessions.forEach((s, n) => {
      const t = arrival + s.offset + (n === 0 ? MIN : 0)
      const events: EventInput[] = s.events.map((e, k) => ({
        id: `demo-${i}-${n}-${k}`,
        email: p.input.email,
        type: e.type,
        occurredAt: new Date(t + e.dt).toISOString(),
        properties: e.properties,
      }))
      const last = t + Math.max(...s.events.map((e) => e.dt))
      timeline.add(last, async () => {
        await ingestEvents(
          at(last),
          events.filter((e) => Date.parse(e.occurredAt) <= last),
        )
        await watch()
      })
    })
  }

  // History: arrivals spread over the 90 days, more on weekdays and in office hours (UTC 8–22).
  const from = end - DEMO_DAYS * DAY
  for (let i = 0; i < count; i++) {
    let arrival = from + Math.floor(rnd() * (DEMO_DAYS * DAY - 2 * HOUR))
    const day = new Date(arrival).getUTCDay()
    if ((day === 0 || day === 6) && d.chance(0.6)) arrival += (day === 6 ? 2 : 1) * DAY
    const hour = new Date(arrival).getUTCHours()
    if ((hour < 8 || hour > 21) && d.chance(0.7)) arrival += (12 - hour) * HOUR
    arrive(prospect(rnd, i), Math.min(arrival, end - 2 * HOUR), i)
  }
  // Right now: demo requests in the last minutes, so queues show running, due-soon and overdue clocks.
  for (const [k, ago] of [2, 4.5, 9, 14, 25, 40].entries()) {
    const p = prospect(rnd, count + k)
    const hot: Prospect = {
      ...p,
      intent: 'hot',
      sessions: [
        {
          offset: 0,
          events: [
            { type: 'page_view', properties: { path: '/pricing' }, dt: 0 },
            { type: 'form_submit', properties: { form: 'demo_request' }, dt: MIN },
          ],
        },
      ],
    }
    arrive({ ...hot, quality: 0 }, end - ago * MIN - 2 * MIN, count + k)
  }

  for (let a = timeline.next(); a; a = timeline.next()) await a.run()

  const [managerRow] = DEMO_MANAGERS
  const repTokens: DemoToken[] = []
  for (const r of DEMO_REPS)
    repTokens.push({ name: r.name, email: r.email, token: await issueToken(db, 'rep', `${r.name} (demo)`, r.id) })
  const manager = {
    name: managerRow!.name,
    email: managerRow!.email,
    token: await issueToken(db, 'manager', `${managerRow!.name} (demo)`, managerRow!.id),
  }
  const intake = await issueToken(db, 'intake', 'Demo intake', null)
  const total = await countLeads(db)
  console.log(`[alert] demo seed: ${historyAlerts} alerts of the 90-day history went to the log channel (not printed)`)
  return { seeded: true, leads: total, tokens: { reps: repTokens, manager, intake } }
}
