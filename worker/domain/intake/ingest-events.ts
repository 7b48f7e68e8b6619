/**
 * Event intake: resolve each event's lead (an unknown email creates the lead), insert with the sender's id
 * as the dedupe key, rescore every affected lead once, record CRM touches.
 * @module
 */
import type { ErrorIssue } from '../../../shared/schemas/errors'
import { type EventInput, TouchChannel } from '../../../shared/schemas/lead'
import { insertEventsStatements, type NewEventRow } from '../../db/queries/events'
import { type LeadRow, leadsByEmailQueries, leadsByIdQueries, normalizeEmail, runChunked } from '../../db/queries/leads'
import type { DomainCtx } from '../context'
import { DomainError } from '../errors'
import { recordTouch } from '../touch'
import { ingestLeads } from './ingest-leads'
import { rescoreAfter } from './rescore'

/** Event types that claim a salesperson did something: they meet SLAs, so plain intake may not send them. */
const SALES_ACTIVITY = new Set(['sales_touch'])

/**
 * Refuses, before anything is written, a batch in which a caller without the right asserts sales activity.
 * @example assertMaySendSalesActivity(ctx, events) // throws DomainError('forbidden') for an intake token
 */
export const assertMaySendSalesActivity = (ctx: DomainCtx, events: readonly Pick<EventInput, 'type'>[]) => {
  if (ctx.salesActivity === false && events.some((e) => SALES_ACTIVITY.has(e.type))) {
    throw new DomainError(
      'forbidden',
      'sales_touch events come from reps, admins and CRM sources, not from intake tokens',
    )
  }
}

export type EventOutcome =
  | { status: 'accepted'; leadId: string }
  | { status: 'duplicate'; leadId: string }
  | { status: 'rejected'; issues: ErrorIssue[] }

export type IngestEventsResult = { outcomes: EventOutcome[]; accepted: number; duplicates: number; leadIds: string[] }

/**
 * Stores a batch of validated events. Per event: accepted, duplicate (its id was seen before, in this batch
 * or earlier) or rejected (a `leadId` that does not exist).
 * @example const { accepted, duplicates } = await ingestEvents(ctx, [{ id: 'e1', email: 'ana@acme.io', type: 'page_view', occurredAt: '2026-11-23T10:00:00Z' }])
 */
export const ingestEvents = async (
  ctx: DomainCtx,
  events: readonly EventInput[],
  opts: {
    source?: string
    /** The CRM these events come from: their touches say so in the journey. */
    system?: string
    /** Who a `sales_touch` is credited to, by event id (the CRM's owner); absent: the assignee. */
    repFor?: ReadonlyMap<string, string>
  } = {},
): Promise<IngestEventsResult> => {
  assertMaySendSalesActivity(ctx, events)
  const { db, now } = ctx
  const byId = new Set(events.filter((e) => e.leadId).map((e) => e.leadId!))
  const emails = events.filter((e) => !e.leadId && e.email).map((e) => normalizeEmail(e.email!))
  const idQueries = leadsByIdQueries(db, [...byId])
  const reads = (await runChunked(db, [...idQueries, ...leadsByEmailQueries(db, emails)], 100)) as LeadRow[][]
  const knownIds = new Set(
    reads
      .slice(0, idQueries.length)
      .flat()
      .map((r) => r.id),
  )
  const idByEmail = new Map(
    reads
      .slice(idQueries.length)
      .flat()
      .map((r) => [r.emailNorm, r.id]),
  )

  const unknown = [...new Set(emails.filter((e) => !idByEmail.has(e)))]
  if (unknown.length > 0) {
    const created = await ingestLeads(
      ctx,
      unknown.map((email) => ({ email })),
      { source: opts.source ?? 'events', handOff: false },
    )
    created.forEach((r, i) => idByEmail.set(unknown[i]!, r.leadId))
  }

  const outcomes: Array<EventOutcome | null> = []
  const rows: NewEventRow[] = []
  const rowLead: string[] = []
  for (const e of events) {
    const leadId = e.leadId ? (knownIds.has(e.leadId) ? e.leadId : null) : idByEmail.get(normalizeEmail(e.email!))!
    if (!leadId) {
      outcomes.push({ status: 'rejected', issues: [{ path: 'leadId', message: 'No lead with this id' }] })
      continue
    }
    outcomes.push(null)
    rows.push({
      clientId: e.id,
      leadId,
      type: e.type,
      occurredAt: Date.parse(e.occurredAt),
      properties: e.properties ?? {},
      receivedAt: now,
    })
    rowLead.push(leadId)
  }
  // The insert rides in the rescore's first batch, whose reads then see the new events (one round trip
  // for both); only the leads that got a new event are rescored.
  let inserted = new Set<string>()
  const affected = new Set<string>()
  const narrow = (results: unknown[]) => {
    inserted = new Set((results as Array<Array<{ clientId: string }>>).flat().map((r) => r.clientId))
    rows.forEach((row, k) => inserted.has(row.clientId) && affected.add(rowLead[k]!))
    return affected
  }
  if (rows.length > 0) {
    await rescoreAfter(ctx, rowLead, { reason: 'event' }, { statements: insertEventsStatements(db, rows), narrow })
  }

  let accepted = 0
  let duplicates = 0
  const touches: Array<{ leadId: string; event: NewEventRow }> = []
  let k = 0
  const final: EventOutcome[] = outcomes.map((o) => {
    if (o) return o
    const row = rows[k]!
    const leadId = rowLead[k++]!
    if (inserted.delete(row.clientId)) {
      accepted++
      if (row.type === 'sales_touch') touches.push({ leadId, event: row })
      return { status: 'accepted', leadId }
    }
    duplicates++
    return { status: 'duplicate', leadId }
  })

  for (const t of touches) {
    const props = (t.event.properties ?? {}) as Record<string, unknown>
    const channel = TouchChannel.safeParse(props.channel)
    await recordTouch(ctx, {
      leadId: t.leadId,
      channel: channel.success ? channel.data : 'other',
      note: typeof props.note === 'string' ? props.note.slice(0, 5000) : undefined,
      via: 'crm',
      system: opts.system,
      repId: opts.repFor?.get(t.event.clientId) ?? null,
      at: t.event.occurredAt,
    })
  }
  return { outcomes: final, accepted, duplicates, leadIds: [...affected] }
}
