/**
 * Building bulk-load SQL for `wrangler d1 execute --file` (multi-row INSERTs: one statement per few
 * hundred rows loads 100k rows in seconds, where the API would take minutes).
 * @module
 */

/** A SQL literal: NULL, a number, or a quoted string. */
export const lit = (v) =>
  v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`

/**
 * Multi-row INSERTs of `rows` (arrays of values in `cols` order), `per` rows a statement.
 * @example insertRows('reps', ['id', 'name', 'email'], [['rep_1', 'Ana', 'ana@x.test']])
 */
export const insertRows = (table, cols, rows, per = 400) => {
  const out = []
  for (let i = 0; i < rows.length; i += per) {
    const values = rows.slice(i, i + per).map((r) => `(${r.map(lit).join(', ')})`)
    out.push(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values.join(',\n')};`)
  }
  return out.join('\n')
}
