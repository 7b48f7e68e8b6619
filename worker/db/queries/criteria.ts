/**
 * Criteria versions: append-only rows, the highest version is current.
 * @module
 */
import { desc, eq } from 'drizzle-orm'
import { DEFAULT_CRITERIA } from '../../../shared/default-criteria'
import { CriteriaDocument } from '../../../shared/schemas/criteria'
import type { Db } from '../../app-env'
import { criteriaVersions } from '../schema'

export type StoredCriteria = {
  version: number
  document: CriteriaDocument
  note: string | null
  author: string
  createdAt: number
  restoredFrom: number | null
}

type Row = typeof criteriaVersions.$inferSelect

// Versions never change once written, so a parsed document can be kept per isolate (and the scorer's
// compile cache, keyed by the document object, keeps working across requests).
const parsed = new Map<string, CriteriaDocument>()

const toStored = (row: Row): StoredCriteria => {
  const key = `${row.version}:${row.createdAt}:${row.author}:${row.note ?? ''}`
  let document = parsed.get(key)
  if (!document) {
    document = CriteriaDocument.parse(row.document)
    parsed.set(key, document)
  }
  return { ...row, document }
}

/** The query of the current version (for a `db.batch` with other reads). */
export const currentCriteriaQuery = (db: Db) =>
  db.select().from(criteriaVersions).orderBy(desc(criteriaVersions.version)).limit(1)

/**
 * Turns the current-version rows into the stored criteria; with an empty table, stores the default criteria as
 * version 1 first (lazily, so a fresh deployment scores without setup).
 * @example const criteria = await resolveCriteria(db, await currentCriteriaQuery(db))
 */
export const resolveCriteria = async (db: Db, rows: Row[]): Promise<StoredCriteria> => {
  if (rows[0]) return toStored(rows[0])
  await db
    .insert(criteriaVersions)
    .values({
      version: 1,
      document: CriteriaDocument.parse(DEFAULT_CRITERIA),
      note: 'Default criteria',
      author: 'system',
      createdAt: Date.now(),
    })
    .onConflictDoNothing()
  const [row] = await currentCriteriaQuery(db)
  return toStored(row!)
}

/**
 * The current criteria (version 1 = the defaults when none was ever stored).
 * @example const { version, document } = await getCurrentCriteria(db)
 */
export const getCurrentCriteria = async (db: Db): Promise<StoredCriteria> =>
  resolveCriteria(db, await currentCriteriaQuery(db))

/** One stored version, or null. */
export const getCriteriaVersion = async (db: Db, version: number): Promise<StoredCriteria | null> => {
  const [row] = await db.select().from(criteriaVersions).where(eq(criteriaVersions.version, version))
  return row ? toStored(row) : null
}

/** Every version, newest first, without documents. */
export const listCriteriaVersions = (db: Db) =>
  db
    .select({
      version: criteriaVersions.version,
      note: criteriaVersions.note,
      author: criteriaVersions.author,
      createdAt: criteriaVersions.createdAt,
      restoredFrom: criteriaVersions.restoredFrom,
    })
    .from(criteriaVersions)
    .orderBy(desc(criteriaVersions.version))

/**
 * Appends a version (current + 1). The primary key makes two concurrent saves collide instead of both
 * claiming the same number: the loser retries once.
 * @example await appendCriteriaVersion(db, { document, note: 'raise SQL to 80', author: 'ops', now })
 */
export const appendCriteriaVersion = async (
  db: Db,
  v: { document: CriteriaDocument; note: string | null; author: string; now: number; restoredFrom?: number | null },
): Promise<StoredCriteria> => {
  for (let attempt = 0; ; attempt++) {
    const current = await getCurrentCriteria(db)
    const version = current.version + 1
    const rows = await db
      .insert(criteriaVersions)
      .values({
        version,
        document: v.document,
        note: v.note,
        author: v.author,
        createdAt: v.now,
        restoredFrom: v.restoredFrom ?? null,
      })
      .onConflictDoNothing()
      .returning()
    if (rows[0]) return toStored(rows[0])
    if (attempt >= 2) throw new Error('criteria version conflict')
  }
}
