/**
 * Conditional single-row inserts (`INSERT … SELECT … WHERE`): a step of a `db.batch` that writes only when
 * a condition holds at its turn, such as "the compare-and-set just before me won".
 * @module
 */
import { getTableColumns, is, SQL, sql } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../app-env'

/**
 * The insert of `row` into `table`, not executed, that writes only when `condition` holds. Every column is
 * listed in table order: those `row` leaves out take their default, else null (an integer primary key then
 * gets the next rowid). Values go through the columns' own encoders (JSON columns are stringified).
 * @example await db.batch([compareAndSet, insertWhere(db, leadHistory, entry, sql`changes() = 1`)])
 */
export const insertWhere = <T extends SQLiteTable>(db: Db, table: T, row: T['$inferInsert'], condition: SQL) => {
  const values = Object.entries(getTableColumns(table)).map(([key, column]) => {
    const value = (row as Record<string, unknown>)[key]
    if (value !== undefined) return sql.param(value, column)
    if (is(column.default, SQL)) return column.default
    return column.default === undefined || column.default === null ? sql`null` : sql.param(column.default, column)
  })
  return db.insert(table).select(sql`select ${sql.join(values, sql`, `)} where ${condition}`)
}
