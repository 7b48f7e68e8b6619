/**
 * CSV export of report tables, runtime-neutral (extension pages build the file from the JSON they already have,
 * so an export costs no second request and the background stays the only API client).
 * RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line break;
 * cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) get a leading `'`.
 * @module
 */

/** One column: its header and how to read the cell from a row. */
export type CsvColumn<Row> = { header: string; value: (row: Row) => string | number | boolean | null | undefined }

const FORMULA = /^[=+\-@\t\r]/

const cell = (v: string | number | boolean | null | undefined): string => {
  if (v === null || v === undefined) return ''
  let s = String(v)
  // A negative number is data, not a formula.
  if (typeof v !== 'number' && FORMULA.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/**
 * The rows as CSV text, header line first.
 * @example
 * toCsv([{ key: 'web', leads: 3 }], [{ header: 'Source', value: (r) => r.key }, { header: 'Leads', value: (r) => r.leads }])
 * // 'Source,Leads\r\nweb,3\r\n'
 */
export const toCsv = <Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string =>
  [columns.map((c) => cell(c.header)), ...rows.map((r) => columns.map((c) => cell(c.value(r))))]
    .map((line) => `${line.join(',')}\r\n`)
    .join('')
