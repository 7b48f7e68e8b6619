/**
 * Set-based writes of a rescore: every changed lead's score columns in one `UPDATE … FROM json_each(?)`, and
 * their journey rows in one `INSERT … SELECT … FROM json_each(?)`. The rows travel as one JSON text parameter,
 * so the statement count stays constant however many leads a chunk changes (D1 binds at most 100 parameters
 * per statement and counts every statement against its per-invocation limit).
 * @module
 */
import { sql } from 'drizzle-orm'
import type { Db } from '../../app-env'
import type { HistoryRow } from './history'
import type { LeadRow } from './leads'
import { leadHistory, leads } from '../schema'

/** The columns a rescore writes (the domain's `ScorePatch`). */
export type ScoreColumns = Pick<
  LeadRow,
  | 'scoreTotal'
  | 'scoreFit'
  | 'scoreEngagement'
  | 'scoreBreakdown'
  | 'criteriaVersion'
  | 'hot'
  | 'disqualifiedReason'
  | 'whyNow'
  | 'status'
  | 'mqlAt'
  | 'sqlAt'
>

/**
 * Most bytes of JSON per statement. D1 caps a statement with its parameters near 1 MB (and a string at 2 MB);
 * a chunk of 500 leads with their breakdowns is usually a few hundred KB, so one statement, rarely two.
 */
export const JSON_PARAM_BYTES = 400_000

/** Splits encoded rows into JSON arrays of at most `max` characters each (at least one row per array). */
export const jsonArrays = (encoded: readonly string[], max = JSON_PARAM_BYTES): string[] => {
  const out: string[] = []
  let part: string[] = []
  let size = 2
  for (const row of encoded) {
    if (part.length > 0 && size + row.length + 1 > max) {
      out.push(`[${part.join(',')}]`)
      part = []
      size = 2
    }
    part.push(row)
    size += row.length + 1
  }
  if (part.length > 0) out.push(`[${part.join(',')}]`)
  return out
}

// JSON columns are stored as drizzle stores them (JSON.stringify of the value, SQL NULL for null). They travel
// as JSON inside the row, not as a string of JSON: json_extract hands an array or object back as its text,
// which SQLite copies as written, and JSON.stringify writes it minified, so that text is drizzle's. Encoded
// once, a breakdown (most of a patch) is about a fifth smaller than with its quotes escaped, and the bytes a
// chunk sends to D1 are most of its write's time.
const encodePatch = (id: string, p: ScoreColumns) =>
  JSON.stringify({
    id,
    t: p.scoreTotal,
    f: p.scoreFit,
    e: p.scoreEngagement,
    b: p.scoreBreakdown,
    v: p.criteriaVersion,
    h: p.hot,
    q: p.disqualifiedReason,
    w: p.whyNow ?? null,
    s: p.status,
    m: p.mqlAt,
    x: p.sqlAt,
  })

/** The columns of a stage change: `status` and `mql_at` are indexed (three indexes), the others are not. */
const STAGE = { status: sql`v.s`, mqlAt: sql`v.m`, sqlAt: sql`v.x` }

const patchUpdate = (db: Db, json: string, now: number, stage: boolean) =>
  // drizzle's update builder, not `db.run`: its raw statements cannot be bound inside a D1 batch.
  db
    .update(leads)
    .set({
      scoreTotal: sql`v.t`,
      scoreFit: sql`v.f`,
      scoreEngagement: sql`v.e`,
      scoreBreakdown: sql`v.b`,
      criteriaVersion: sql`v.v`,
      hot: sql`v.h`,
      disqualifiedReason: sql`v.q`,
      whyNow: sql`v.w`,
      ...(stage ? STAGE : {}),
      updatedAt: now,
    })
    .from(
      sql`(select json_extract(value, '$.id') as id, json_extract(value, '$.t') as t,
        json_extract(value, '$.f') as f, json_extract(value, '$.e') as e, json_extract(value, '$.b') as b,
        json_extract(value, '$.v') as v, json_extract(value, '$.h') as h, json_extract(value, '$.q') as q,
        json_extract(value, '$.w') as w, json_extract(value, '$.s') as s, json_extract(value, '$.m') as m,
        json_extract(value, '$.x') as x
      from json_each(${json})) as v`,
    )
    .where(sql`${leads.id} = v.id`)

/**
 * The updates (not executed, for a `db.batch`) that write each lead's score patch and `updatedAt`. Rows
 * marked `sameStage` (the caller knows their status, `mqlAt` and `sqlAt` stay as stored) go in an update that
 * leaves those columns out: SQLite rewrites an index entry for every row whose indexed column is assigned,
 * changed or not, and a criteria change that moves scores but few stages wrote three indexes per lead.
 * @example await db.batch([...scorePatchStatements(db, [{ id: 'lead_1', patch }], now)])
 */
export const scorePatchStatements = (
  db: Db,
  rows: ReadonlyArray<{ id: string; patch: ScoreColumns; sameStage?: boolean }>,
  now: number,
) => {
  const moving = rows.filter((r) => !r.sameStage)
  const staying = rows.filter((r) => r.sameStage)
  return [
    ...jsonArrays(moving.map((r) => encodePatch(r.id, r.patch))).map((json) => patchUpdate(db, json, now, true)),
    ...jsonArrays(staying.map((r) => encodePatch(r.id, r.patch))).map((json) => patchUpdate(db, json, now, false)),
  ]
}

/**
 * The inserts (not executed, for a `db.batch`) of journey rows, in their order.
 * @example await db.batch([...historyJsonInserts(db, rows)])
 */
export const historyJsonInserts = (db: Db, rows: readonly HistoryRow[]) =>
  jsonArrays(
    rows.map((r) => JSON.stringify({ l: r.leadId, a: r.at, k: r.kind, r: r.actor ?? null, d: r.data ?? {} })),
  ).map((json) =>
    db.insert(leadHistory).select(
      sql`select null, json_extract(value, '$.l'), json_extract(value, '$.a'), json_extract(value, '$.k'),
          json_extract(value, '$.r'), json_extract(value, '$.d')
        from json_each(${json}) order by key`,
    ),
  )
