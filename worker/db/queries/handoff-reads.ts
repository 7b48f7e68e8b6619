/**
 * Everything a hand-off reads, in one D1 round trip: the lead, the routing snapshot, the SLA policies, how
 * often the lead breached before, the managers' channel, and the facts its outbound events carry.
 * @module
 */
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { channels, leadCrmRefs, leads, settings, slaClocks, slaPolicies } from '../schema'
import type { EventFacts } from './outbound-events'
import { MANAGERS_CHANNEL_KEY } from './reps'
import { ROUTING_QUERIES, routingSnapshotQueries, toRoutingSnapshot } from './routing-snapshot'

/**
 * The statements of a hand-off's read, for a batch (the caller's writes may come first: the reads then see
 * them). Parse their results with `toHandOffReads`.
 * @example const results = await db.batch([...writes, ...handOffReadQueries(db, id)])
 */
export const handOffReadQueries = (db: Db, leadId: string) =>
  [
    db.select().from(leads).where(eq(leads.id, leadId)).limit(1),
    ...routingSnapshotQueries(db, leadId),
    db.select().from(slaPolicies).orderBy(asc(slaPolicies.position), asc(slaPolicies.id)),
    db
      .select({ n: sql<number>`count(*)` })
      .from(slaClocks)
      .where(and(eq(slaClocks.leadId, leadId), isNotNull(slaClocks.breachedAt))),
    db.select({ value: settings.value }).from(settings).where(eq(settings.key, MANAGERS_CHANNEL_KEY)).limit(1),
    db
      .select({ id: channels.id, events: channels.events })
      .from(channels)
      .where(and(eq(channels.kind, 'webhook'), sql`${channels.events} <> '[]'`)),
    db
      .select({ system: leadCrmRefs.system, id: leadCrmRefs.refId })
      .from(leadCrmRefs)
      .where(eq(leadCrmRefs.leadId, leadId)),
    db
      .select({
        dueAt: slaClocks.dueAt,
        metAt: slaClocks.metAt,
        stoppedAt: slaClocks.stoppedAt,
        breachedAt: slaClocks.breachedAt,
      })
      .from(slaClocks)
      .where(eq(slaClocks.leadId, leadId))
      .orderBy(desc(slaClocks.startedAt))
      .limit(1),
  ] as const

/** How many statements `handOffReadQueries` makes (its results' length). */
export const HAND_OFF_READS = 15

export type HandOffReads = ReturnType<typeof toHandOffReads>

/**
 * A hand-off's read from the results of `handOffReadQueries`.
 * @example const read = toHandOffReads(results.slice(-HAND_OFF_READS))
 */
export const toHandOffReads = (results: readonly unknown[]) => {
  const [leadRows, ...rest] = results as [(typeof leads.$inferSelect)[], ...unknown[]]
  const routing = rest.slice(0, ROUTING_QUERIES) as unknown as Parameters<typeof toRoutingSnapshot>[0]
  const [policies, breaches, channelSetting, subscribers, refs, clocks] = rest.slice(ROUTING_QUERIES) as [
    (typeof slaPolicies.$inferSelect)[],
    { n: number }[],
    { value: unknown }[],
    EventFacts['subscribers'],
    EventFacts['refs'],
    NonNullable<EventFacts['clock']>[],
  ]
  const lead = leadRows[0]
  const managersChannel = channelSetting[0]?.value as { channelId?: string | null } | undefined
  return {
    lead,
    snapshot: toRoutingSnapshot(routing),
    policies,
    breaches: Number(breaches[0]?.n ?? 0),
    managersChannelId: managersChannel?.channelId ?? null,
    facts: { subscribers, lead, assignee: null, refs, clock: clocks[0] ?? null } satisfies EventFacts,
  }
}

/**
 * Reads what a hand-off needs on its own (one round trip).
 * @example const { lead, snapshot, policies, breaches } = await handOffReads(db, 'lead_1')
 */
export const handOffReads = async (db: Db, leadId: string) =>
  toHandOffReads(await db.batch(handOffReadQueries(db, leadId)))
