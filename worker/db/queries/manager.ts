/**
 * Reads behind the managers' console: the team board, the managers' queue, lead search and lead summaries.
 * Each is one `db.batch` (one round trip), or a few when an id list needs chunking under D1's 100 parameters.
 * @module
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import { AWAITING_FIRST_TOUCH, RETURNED, SCORE_DRIVEN } from '../../../shared/lead-status-sets'
import type { Db } from '../../app-env'
import { assignments, leads, reps, slaClocks, slaPolicies } from '../schema'
import { chunk, IN_CHUNK } from './chunk'

/**
 * Everything the board needs, in one batch: the people who take leads, the untouched leads each holds with their
 * clocks, the first touches since `since` with the assignment that held the lead at that moment, and the clocks
 * started since `since`. A manager account is a row only while it holds leads (a pool's fallback, a reassignment
 * by hand) or had a clock since `since`: otherwise it is an empty row that reads like an idle rep, and the
 * managers' reassign list would offer it as a target.
 * @example const rows = await boardRows(db, now - 8 * DAY)
 */
export const boardRows = async (db: Db, since: number) => {
  const open = and(
    isNotNull(leads.assigneeId),
    inArray(leads.status, [...AWAITING_FIRST_TOUCH]),
    isNull(leads.firstTouchAt),
  )
  const takesLeads = or(
    eq(reps.role, 'rep'),
    inArray(reps.id, db.select({ id: leads.assigneeId }).from(leads).where(open)),
    inArray(reps.id, db.select({ id: slaClocks.repId }).from(slaClocks).where(gte(slaClocks.startedAt, since))),
  )
  const [repRows, openLeads, openClocks, touches, clocks] = await db.batch([
    db.select().from(reps).where(takesLeads).orderBy(desc(reps.active), asc(reps.name)),
    db.select({ id: leads.id, assigneeId: leads.assigneeId, status: leads.status }).from(leads).where(open),
    db
      .select()
      .from(slaClocks)
      .where(inArray(slaClocks.leadId, db.select({ id: leads.id }).from(leads).where(open)))
      .orderBy(asc(slaClocks.startedAt), asc(slaClocks.id)),
    // The assignment that held the lead when it was first touched: the touch is that rep's (owner-charging rule).
    db
      .select({ repId: assignments.repId, assignedAt: assignments.assignedAt, touchedAt: leads.firstTouchAt })
      .from(assignments)
      .innerJoin(leads, eq(leads.id, assignments.leadId))
      .where(
        and(
          gte(leads.firstTouchAt, since),
          sql`${assignments.assignedAt} <= ${leads.firstTouchAt}`,
          or(isNull(assignments.endedAt), sql`${leads.firstTouchAt} < ${assignments.endedAt}`),
        ),
      ),
    db
      .select({
        repId: slaClocks.repId,
        startedAt: slaClocks.startedAt,
        dueAt: slaClocks.dueAt,
        metAt: slaClocks.metAt,
        stoppedAt: slaClocks.stoppedAt,
        breachedAt: slaClocks.breachedAt,
      })
      .from(slaClocks)
      .where(gte(slaClocks.startedAt, since)),
  ])
  return { reps: repRows, openLeads, openClocks, touches, clocks }
}

/** Most items listed per queue reason (counts cover all). */
export const QUEUE_ITEMS = 200

/** How far back a recycled lead still counts as "returned". */
export const RETURNED_DAYS = 30

/**
 * The managers' queue in one batch: per reason, its count and its oldest `QUEUE_ITEMS` leads with the instant
 * they started waiting.
 * @example const { unassigned, escalated, returned } = await managerQueueRows(db, Date.now())
 */
export const managerQueueRows = async (db: Db, now: number) => {
  const unassigned = and(
    isNull(leads.assigneeId),
    inArray(leads.status, [...SCORE_DRIVEN]),
    or(eq(leads.status, 'sql'), eq(leads.hot, true)),
  )
  // The current holder's clock breached and still open: the escalation chain is running on this lead.
  const escalated = and(
    isNull(slaClocks.metAt),
    isNull(slaClocks.stoppedAt),
    isNotNull(slaClocks.breachedAt),
    sql`${slaClocks.repId} IS ${leads.assigneeId}`,
    isNull(leads.firstTouchAt),
    inArray(leads.status, [...AWAITING_FIRST_TOUCH]),
  )
  const returned = and(inArray(leads.status, [...RETURNED]), gte(leads.outcomeAt, now - RETURNED_DAYS * 86_400_000))
  const unassignedSince = sql<number>`coalesce(${leads.sqlAt}, ${leads.updatedAt})`
  const [u, un, e, en, r, rn] = await db.batch([
    db
      .select({ id: leads.id, since: unassignedSince })
      .from(leads)
      .where(unassigned)
      .orderBy(asc(unassignedSince), asc(leads.id))
      .limit(QUEUE_ITEMS),
    db
      .select({ n: sql<number>`count(*)` })
      .from(leads)
      .where(unassigned),
    db
      .select({ id: leads.id, since: slaClocks.breachedAt })
      .from(slaClocks)
      .innerJoin(leads, eq(leads.id, slaClocks.leadId))
      .where(escalated)
      .orderBy(asc(slaClocks.breachedAt), asc(leads.id))
      .limit(QUEUE_ITEMS),
    db
      .select({ n: sql<number>`count(*)` })
      .from(slaClocks)
      .innerJoin(leads, eq(leads.id, slaClocks.leadId))
      .where(escalated),
    db
      .select({ id: leads.id, since: leads.outcomeAt })
      .from(leads)
      .where(returned)
      .orderBy(asc(leads.outcomeAt), asc(leads.id))
      .limit(QUEUE_ITEMS),
    db
      .select({ n: sql<number>`count(*)` })
      .from(leads)
      .where(returned),
  ])
  const n = (rows: Array<{ n: number }>) => Number(rows[0]?.n ?? 0)
  return {
    unassigned: { count: n(un), rows: u },
    escalated: { count: n(en), rows: e },
    returned: { count: n(rn), rows: r },
  }
}

/**
 * Leads, their assignees and all their clocks (oldest first) for a list of ids, in one batch per 90 ids.
 * @example const { leads, reps, clocks } = await summaryRows(db, ['lead_1'])
 */
export const summaryRows = async (db: Db, ids: readonly string[]) => {
  const out = {
    leads: [] as Array<typeof leads.$inferSelect>,
    reps: [] as Array<{ id: string; name: string; email: string }>,
    clocks: [] as Array<typeof slaClocks.$inferSelect>,
  }
  for (const part of chunk([...new Set(ids)], IN_CHUNK)) {
    const [l, r, c] = await db.batch([
      db.select().from(leads).where(inArray(leads.id, part)),
      db
        .select({ id: reps.id, name: reps.name, email: reps.email })
        .from(reps)
        .where(inArray(reps.id, db.select({ id: leads.assigneeId }).from(leads).where(inArray(leads.id, part)))),
      db
        .select()
        .from(slaClocks)
        .where(inArray(slaClocks.leadId, part))
        .orderBy(asc(slaClocks.startedAt), asc(slaClocks.id)),
    ])
    out.leads.push(...l)
    out.reps.push(...r)
    out.clocks.push(...c)
  }
  return out
}

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`)

/**
 * Ids of leads matching a search, newest first, after the keyset cursor `(createdAt, id)`; one more than `limit`
 * so the caller knows whether a next page exists. `q` matches email, first/last/full name, company name or domain.
 * @example await searchLeadIds(db, { q: 'acme', statuses: ['assigned'], limit: 25 })
 */
export const searchLeadIds = (
  db: Db,
  q: { q?: string; statuses?: string[]; after?: { createdAt: number; id: string }; limit: number },
) => {
  const where: SQL[] = []
  if (q.q) {
    const p = `%${likeEscape(q.q.toLowerCase())}%`
    const m = (col: SQL) => sql`lower(${col}) LIKE ${p} ESCAPE '\\'`
    where.push(
      or(
        m(sql`${leads.emailNorm}`),
        m(sql`coalesce(${leads.firstName}, '') || ' ' || coalesce(${leads.lastName}, '')`),
        m(sql`coalesce(${leads.companyName}, '')`),
        m(sql`coalesce(${leads.companyDomain}, '')`),
      )!,
    )
  }
  if (q.statuses?.length) where.push(inArray(leads.status, q.statuses))
  if (q.after)
    where.push(
      or(
        lt(leads.createdAt, q.after.createdAt),
        and(eq(leads.createdAt, q.after.createdAt), lt(leads.id, q.after.id)),
      )!,
    )
  return db
    .select({ id: leads.id, createdAt: leads.createdAt })
    .from(leads)
    .where(and(...where))
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(q.limit + 1)
}

/** The whole lead row, or undefined. */
export const leadRow = (db: Db, id: string) => db.query.leads.findFirst({ where: eq(leads.id, id) })

/** A stored SLA policy by id, or undefined. */
export const slaPolicyRow = (db: Db, id: string) => db.query.slaPolicies.findFirst({ where: eq(slaPolicies.id, id) })

/**
 * Ends the lead's open assignment (a manager took it away).
 * @example await endOpenAssignments(db, leadId, now, 'reassigned')
 */
export const endOpenAssignments = (db: Db, leadId: string, at: number, reason: string) =>
  db
    .update(assignments)
    .set({ endedAt: at, endReason: reason })
    .where(and(eq(assignments.leadId, leadId), isNull(assignments.endedAt)))
    .run()

/** Puts a lead's status back (a reassigned lead already touched stays `contacted` or `accepted`). */
export const setLeadStatus = (db: Db, leadId: string, status: string) =>
  db.update(leads).set({ status }).where(eq(leads.id, leadId)).run()
