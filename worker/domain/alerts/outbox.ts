/**
 * Turning "tell these people about this milestone" into outbox rows.
 * @module
 */
import type { Recipient } from '../../../shared/schemas/admin'
import type { OutboundEventType } from '../../../shared/schemas/outbound-events'
import type { Db } from '../../app-env'
import { dedupeKey, type NewAlert } from '../../db/queries/alerts'
import { getManagersChannelId, getRep } from '../../db/queries/reps'
import type { leads, reps } from '../../db/schema'
import { newId } from '../../lib/crypto'
import { type EventFacts, eventFacts } from '../../db/queries/outbound-events'
import { type LeadEventInput, leadEventRowsFrom } from './lead-events'
import { type AlertKind, alertPayload } from './payload'

type RepRow = typeof reps.$inferSelect

/** The milestones subscribers hear about, as outbound event types (escalation steps stay internal). */
const EVENT_OF: Partial<Record<AlertKind, OutboundEventType>> = {
  assigned: 'lead.assigned',
  reassigned: 'lead.reassigned',
  warning: 'lead.sla_warning',
  breach: 'lead.sla_breached',
}

/** Who can be reached where: the reps (for a rep's manager) and the managers' channel. */
export type RecipientBook = { managerOf: (rep: RepRow) => RepRow | undefined; managersChannelId: string | null }

/**
 * Where each recipient is reached, from what is already read (pure). A rep without a manager escalates to
 * the managers' channel instead; a recipient without a channel is logged (never dropped).
 * @example recipientsFrom(book, rep, ['rep', 'manager']) // [{ recipient: 'rep', channelId }, …]
 */
export const recipientsFrom = (book: RecipientBook, rep: RepRow | null | undefined, to: Recipient[]) => {
  const out = new Map<string, string | null>()
  for (const r of to) {
    if (r === 'rep' && rep) out.set('rep', rep.channelId)
    else if (r === 'manager' && rep?.managerId) out.set('manager', book.managerOf(rep)?.channelId ?? null)
    else if (r === 'managers_channel' || r === 'manager') out.set('managers_channel', book.managersChannelId)
  }
  return [...out].map(([recipient, channelId]) => ({ recipient, channelId }))
}

/**
 * Where each recipient is reached, reading the manager and the managers' channel as needed.
 * @example await resolveRecipients(db, rep, ['rep', 'manager'])
 */
export const resolveRecipients = async (db: Db, rep: RepRow | null | undefined, to: Recipient[]) => {
  const manager = to.includes('manager') && rep?.managerId ? await getRep(db, rep.managerId) : undefined
  const needsChannel = to.includes('managers_channel') || (to.includes('manager') && !rep?.managerId)
  return recipientsFrom(
    { managerOf: () => manager, managersChannelId: needsChannel ? await getManagersChannelId(db) : null },
    rep,
    to,
  )
}

export type AlertRequest = {
  kind: AlertKind
  milestone: string
  lead: typeof leads.$inferSelect
  rep: RepRow | null | undefined
  assignmentId: string | null
  dueAt: number | null
  detail?: string | null
  to: Recipient[]
}

/**
 * Outbox rows for one milestone from what is already read (pure): one per recipient in `people`, due now,
 * and, with `facts`, the matching outbound event for each subscribed channel.
 * @example alertRowsFrom(now, request, recipientsFrom(book, rep, ['rep']), facts)
 */
export const alertRowsFrom = (
  now: number,
  a: AlertRequest,
  people: ReadonlyArray<{ recipient: string; channelId: string | null }>,
  facts: EventFacts | null,
): NewAlert[] => {
  const payload = alertPayload({
    kind: a.kind,
    milestone: a.milestone,
    lead: a.lead,
    rep: a.rep,
    dueAt: a.dueAt,
    detail: a.detail,
  })
  const rows = people.map(({ recipient, channelId }) => ({
    id: newId('alr'),
    dedupeKey: dedupeKey(a.lead.id, a.milestone, a.assignmentId, recipient),
    leadId: a.lead.id,
    assignmentId: a.assignmentId,
    milestone: a.milestone,
    recipient,
    channelId,
    payload,
    state: 'pending' as const,
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  }))
  const event = eventOf(a, now)
  return event && facts ? [...rows, ...leadEventRowsFrom(facts, now, event)] : rows
}

/** The outbound event a milestone is, if subscribers hear of it. */
const eventOf = (a: AlertRequest, now: number): LeadEventInput | null => {
  const type = EVENT_OF[a.kind]
  if (!type) return null
  return {
    type,
    leadId: a.lead.id,
    key: `${a.milestone}:${a.assignmentId ?? 'none'}`,
    lead: a.lead,
    assignee: a.rep ?? null,
    // The caller's batch (the new clock, the breach) has not run yet: say what it is about to write.
    sla: {
      state: a.dueAt === null ? 'none' : a.kind === 'breach' ? 'breached' : 'running',
      dueAt: a.dueAt === null ? null : new Date(a.dueAt).toISOString(),
      metAt: null,
      breachedAt: a.kind === 'breach' ? new Date(now).toISOString() : null,
    },
    reason: a.detail ?? null,
  }
}

/**
 * Outbox rows for one milestone of one assignment, one per recipient, due now, and the matching outbound
 * event for each subscribed channel (`lead.assigned`, `lead.sla_breached`…), exactly once like the alerts.
 * @example const rows = await alertRows(db, now, { kind: 'assigned', milestone: 'assigned', lead, rep, assignmentId, dueAt, to: ['rep'] })
 */
export const alertRows = async (db: Db, now: number, a: AlertRequest): Promise<NewAlert[]> => {
  const people = await resolveRecipients(db, a.rep, a.to)
  const facts = EVENT_OF[a.kind] ? await eventFacts(db, a.lead.id) : null
  return alertRowsFrom(now, a, people, facts)
}
