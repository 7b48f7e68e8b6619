/**
 * The reads behind one lead brief, in a single D1 round trip (`db.batch`).
 * @module
 */
import { asc, desc, eq, inArray, lte, sql } from 'drizzle-orm'
import type { Db } from '../../app-env'
import { criteriaVersions, events, leadCrmRefs, leads, reps, slaClocks } from '../schema'
import { chunk, IN_CHUNK } from './chunk'

/** At most this many raw events are read for the timeline and the signals (newest first). */
export const BRIEF_EVENT_LIMIT = 500

/**
 * The lead with its assignee, CRM refs, recent events and the criteria document that scored it
 * (the lead's version, else the current one), in one batch.
 * @example const rows = await briefRows(db, leadId)
 */
export const briefRows = async (db: Db, leadId: string) => {
  // No joins inside the batch: D1 batch results are keyed by column name, so same-named columns collide.
  const [leadRows, repRows, refs, recent, criteria] = await db.batch([
    db.select().from(leads).where(eq(leads.id, leadId)).limit(1),
    db
      .select({ id: reps.id, name: reps.name, email: reps.email })
      .from(reps)
      .where(sql`${reps.id} = (select ${leads.assigneeId} from ${leads} where ${leads.id} = ${leadId})`)
      .limit(1),
    db.select().from(leadCrmRefs).where(eq(leadCrmRefs.leadId, leadId)),
    db
      .select({
        type: events.type,
        occurredAt: events.occurredAt,
        properties: events.properties,
        count: events.count,
        firstOccurredAt: events.firstOccurredAt,
      })
      .from(events)
      .where(eq(events.leadId, leadId))
      .orderBy(desc(events.occurredAt), desc(events.id))
      .limit(BRIEF_EVENT_LIMIT),
    db
      .select({ version: criteriaVersions.version, document: criteriaVersions.document })
      .from(criteriaVersions)
      .where(
        sql`${criteriaVersions.version} = coalesce((select ${leads.criteriaVersion} from ${leads} where ${leads.id} = ${leadId}), (select max(${criteriaVersions.version}) from ${criteriaVersions}))`,
      )
      .limit(1),
  ])
  const lead = leadRows[0]
  if (!lead) return null
  return { lead, rep: repRows[0] ?? null, refs, events: recent, criteria: criteria[0] ?? null }
}

type BriefRows = NonNullable<Awaited<ReturnType<typeof briefRows>>>
type ClockRow = typeof slaClocks.$inferSelect

/**
 * The reads behind the briefs of many leads, with their SLA clocks, in one D1 round trip whatever their
 * number: one `db.batch` of a few statements per chunk of ids. Events are trimmed per lead in SQL
 * (`row_number() over (partition by lead_id …)`), so a queue never reads every event of every lead.
 * @returns rows and clocks (oldest first) per lead id; ids with no lead are absent
 * @example const byId = await briefRowsMany(db, ids, 50)
 */
export const briefRowsMany = async (
  db: Db,
  ids: readonly string[],
  eventLimit = BRIEF_EVENT_LIMIT,
): Promise<Map<string, BriefRows & { clocks: ClockRow[] }>> => {
  const out = new Map<string, BriefRows & { clocks: ClockRow[] }>()
  const parts = chunk([...new Set(ids)], IN_CHUNK)
  if (parts.length === 0) return out
  const perPart = (part: string[]) => {
    const ranked = db
      .select({
        leadId: events.leadId,
        type: events.type,
        occurredAt: events.occurredAt,
        properties: events.properties,
        count: events.count,
        firstOccurredAt: events.firstOccurredAt,
        rn: sql<number>`row_number() over (partition by ${events.leadId} order by ${events.occurredAt} desc, ${events.id} desc)`.as(
          'rn',
        ),
      })
      .from(events)
      .where(inArray(events.leadId, part))
      .as('ranked')
    const assignees = db.select({ id: leads.assigneeId }).from(leads).where(inArray(leads.id, part))
    const versions = db.select({ v: leads.criteriaVersion }).from(leads).where(inArray(leads.id, part))
    return [
      db.select().from(leads).where(inArray(leads.id, part)),
      db.select({ id: reps.id, name: reps.name, email: reps.email }).from(reps).where(inArray(reps.id, assignees)),
      db.select().from(leadCrmRefs).where(inArray(leadCrmRefs.leadId, part)),
      db.select().from(ranked).where(lte(ranked.rn, eventLimit)).orderBy(ranked.leadId, desc(ranked.occurredAt)),
      db
        .select({ version: criteriaVersions.version, document: criteriaVersions.document })
        .from(criteriaVersions)
        .where(
          sql`${criteriaVersions.version} in ${versions} or ${criteriaVersions.version} = (select max(${criteriaVersions.version}) from ${criteriaVersions})`,
        ),
      db
        .select()
        .from(slaClocks)
        .where(inArray(slaClocks.leadId, part))
        .orderBy(asc(slaClocks.startedAt), asc(slaClocks.id)),
    ] as const
  }
  const statements = parts.flatMap((p) => perPart(p))
  const results = (await db.batch(statements as unknown as Parameters<typeof db.batch>[0])) as unknown as unknown[][]
  const repById = new Map<string, { id: string; name: string; email: string }>()
  const criteriaByVersion = new Map<number, { version: number; document: unknown }>()
  let maxVersion: number | null = null
  const refsBy = new Map<string, BriefRows['refs']>()
  const eventsBy = new Map<string, BriefRows['events']>()
  const clocksBy = new Map<string, ClockRow[]>()
  const leadRows: BriefRows['lead'][] = []
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => (m.get(k) ?? m.set(k, []).get(k)!).push(v)
  for (let i = 0; i < results.length; i += 6) {
    leadRows.push(...(results[i] as BriefRows['lead'][]))
    for (const r of results[i + 1] as Array<{ id: string; name: string; email: string }>) repById.set(r.id, r)
    for (const r of results[i + 2] as BriefRows['refs']) push(refsBy, r.leadId, r)
    for (const e of results[i + 3] as Array<BriefRows['events'][number] & { leadId: string }>) {
      const { leadId, ...event } = e
      push(eventsBy, leadId, event)
    }
    for (const c of results[i + 4] as Array<{ version: number; document: unknown }>) {
      criteriaByVersion.set(c.version, c)
      maxVersion = Math.max(maxVersion ?? c.version, c.version)
    }
    for (const c of results[i + 5] as ClockRow[]) push(clocksBy, c.leadId, c)
  }
  for (const lead of leadRows) {
    const version = lead.criteriaVersion ?? maxVersion
    out.set(lead.id, {
      lead,
      rep: (lead.assigneeId && repById.get(lead.assigneeId)) || null,
      refs: refsBy.get(lead.id) ?? [],
      events: eventsBy.get(lead.id) ?? [],
      criteria: (version !== null && criteriaByVersion.get(version)) || null,
      clocks: clocksBy.get(lead.id) ?? [],
    })
  }
  return out
}
