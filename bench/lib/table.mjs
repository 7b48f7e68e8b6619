/**
 * The one table `npm run bench` prints: each figure beside its target and a mark. A row without a target
 * is information ("info"); a row whose run failed says so ("ERROR") instead of hiding the row.
 * @module
 */

/**
 * A row. `pass` is true/false against the target, or null when there is no target.
 * @example row('cron tick, 1k clocks', '12.0 ms', '—', null)
 */
export const row = (name, figure, target = '—', pass = null) => ({ name, figure, target, pass })

const mark = (r) => (r.error ? 'ERROR' : r.pass === null ? 'info' : r.pass ? 'pass' : 'MISS')

/** Renders rows as a Markdown table (readable in a terminal, pasteable into docs/benchmarks.md). */
export const renderTable = (rows) => {
  const cells = rows.map((r) => [r.name, r.error ? `error: ${r.error}` : r.figure, r.target, mark(r)])
  const head = ['Benchmark', 'Figure (median)', 'Target', 'Mark']
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  const line = (c) => `| ${c.map((x, i) => (i === 1 ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join(' | ')} |`
  const rule = `| ${widths.map((w, i) => (i === 1 ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`
  return [line(head), rule, ...cells.map(line)].join('\n')
}

/** `12.3 ms`, `1.23 s` above 10 s. */
export const ms = (x) => (x >= 10_000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 1)} ms`)

/** `100k`, `1k`, `500`. */
export const count = (n) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n))
