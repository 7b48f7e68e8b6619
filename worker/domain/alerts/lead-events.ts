/**
 * Outbound lead events as outbox rows: one row per subscribed channel, delivered, retried and deduplicated
 * exactly like alerts (the row id is the Standard Webhooks `webhook-id`). The body is fixed at enqueue time,
 * so a retry sends the same facts; only `data.lead.url` is filled in at send time (see deliver.ts).
 * @module
 */
import type { EventSla, OutboundEvent, OutboundEventType } from '../../../shared/schemas/outbound-events'
import type { Db } from '../../app-env'
import type { NewAlert } from '../../db/queries/alerts'
import { type EventFacts, eventFacts } from '../../db/queries/outbound-events'
import type { leads } from '../../db/schema'
import { newId } from '../../lib/crypto'

type LeadRow = typeof leads.$inferSelect
type Assignee = NonNullable<EventFacts['assignee']>

/** What a caller knows about the event beyond the stored facts. */
export type LeadEventInput = {
  type: OutboundEventType
  leadId: string
  /** What makes the event unique for the lead (assignment id, milestone key, touch id…): one row per key. */
  key: string
  /** State the caller's batch is about to write, newer than what the database holds. */
  lead?: Partial<LeadRow>
  assignee?: Assignee | null
  sla?: EventSla
  reason?: string | null
  touch?: OutboundEvent['data']['touch']
  disposition?: OutboundEvent['data']['disposition']
}

/** The recipient value marking an outbox row as an outbound event, not an alert for a person. */
export const SUBSCRIBER = 'subscriber'

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString())

/**
 * The clock's state as an event reports it.
 * @example slaOf({ dueAt, metAt: null, stoppedAt: null, breachedAt: null }) // { state: 'running', … }
 */
export const slaOf = (clock: EventFacts['clock']): EventSla => ({
  state: !clock
    ? 'none'
    : clock.metAt !== null
      ? 'met'
      : clock.stoppedAt !== null
        ? 'stopped'
        : clock.breachedAt !== null
          ? 'breached'
          : 'running',
  dueAt: iso(clock?.dueAt),
  metAt: iso(clock?.metAt),
  breachedAt: iso(clock?.breachedAt),
})

/** `['hubspot:123', 'salesforce:005…']` → `{ hubspot: '123', salesforce: '005…' }` (the first id per system). */
const ownerIds = (ids: unknown): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const id of Array.isArray(ids) ? ids : []) {
    const [system, ...rest] = String(id).split(':')
    if (system && rest.length && !(system in out)) out[system] = rest.join(':')
  }
  return out
}

/**
 * The event body (pure). `data.lead.url` is left empty for the sender to fill.
 * @example leadEvent(input, facts, now).type // 'lead.assigned'
 */
export const leadEvent = (e: LeadEventInput, facts: EventFacts, now: number): OutboundEvent => {
  const lead = { ...facts.lead!, ...e.lead }
  const assignee = e.assignee === undefined ? facts.assignee : e.assignee
  return {
    type: e.type,
    timestamp: iso(now)!,
    data: {
      lead: {
        id: lead.id,
        email: lead.email,
        firstName: lead.firstName,
        lastName: lead.lastName,
        company: lead.companyName,
        title: lead.title,
        status: lead.status,
        score: Math.round(lead.scoreTotal),
        hot: lead.hot,
        linkedinUrl: lead.linkedinUrl,
        crmRefs: facts.refs,
        url: '',
      },
      assignee: assignee
        ? { id: assignee.id, name: assignee.name, email: assignee.email, crmOwnerIds: ownerIds(assignee.crmOwnerIds) }
        : null,
      sla: e.sla ?? slaOf(facts.clock),
      reason: e.reason ?? null,
      ...(e.touch ? { touch: e.touch } : {}),
      ...(e.disposition ? { disposition: e.disposition } : {}),
    },
  }
}

/**
 * Outbox rows for one lead event, one per channel subscribed to its type (none when nobody listens), from
 * facts already read (pure). Insert them with `insertAlerts` in the caller's batch and deliver them after.
 * @example const rows = leadEventRowsFrom(facts, now, { type: 'lead.qualified', leadId, key: 'hot' })
 */
export const leadEventRowsFrom = (facts: EventFacts, now: number, e: LeadEventInput): NewAlert[] => {
  const to = facts.subscribers.filter((s) => (s.events as string[]).includes(e.type))
  if (!to.length || !facts.lead) return []
  const payload = leadEvent(e, facts, now)
  return to.map((s) => ({
    id: newId('evt'),
    dedupeKey: `${e.leadId}:${e.type}:${e.key}:${SUBSCRIBER}:${s.id}`,
    leadId: e.leadId,
    assignmentId: null,
    milestone: e.type,
    recipient: SUBSCRIBER,
    channelId: s.id,
    payload,
    state: 'pending' as const,
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  }))
}

/**
 * Outbox rows for one lead event, reading its facts first (one D1 round trip).
 * @example const rows = await leadEventRows(db, now, { type: 'lead.touched', leadId, key: touchId, touch })
 */
export const leadEventRows = async (db: Db, now: number, e: LeadEventInput): Promise<NewAlert[]> =>
  leadEventRowsFrom(await eventFacts(db, e.leadId), now, e)
