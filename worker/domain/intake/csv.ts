/**
 * A small RFC 4180 CSV parser: quoted fields with commas, doubled quotes and line breaks inside, CRLF or LF
 * line ends, a leading BOM. Each record carries the 1-based physical line it starts on, for error reports.
 * @module
 */

export type CsvRecord = { line: number; cells: string[] }

/**
 * Parses CSV text into records; blank lines are skipped. A quote that is never closed makes the rest of the
 * text one field, reported by `unterminatedAt` (the line the field started on).
 * @example parseCsv('a,b\r\n"x, y","say ""hi"""\n') // { records: [{ line: 1, cells: ['a','b'] }, { line: 2, cells: ['x, y', 'say "hi"'] }] }
 */
export const parseCsv = (input: string): { records: CsvRecord[]; unterminatedAt: number | null } => {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  const records: CsvRecord[] = []
  let cells: string[] = []
  let field = ''
  let line = 1
  let recordLine = 1
  let quoted = false
  let quoteLine = 0
  let i = 0
  const n = text.length
  const endRecord = () => {
    cells.push(field)
    field = ''
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells })
    cells = []
  }
  while (i < n) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        continue
      }
      if (ch === '\n') line++
      field += ch
      i++
      continue
    }
    if (ch === '"' && field === '') {
      quoted = true
      quoteLine = line
      i++
    } else if (ch === ',') {
      cells.push(field)
      field = ''
      i++
    } else if (ch === '\r' || ch === '\n') {
      endRecord()
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1
      line++
      recordLine = line
    } else {
      field += ch
      i++
    }
  }
  const unterminatedAt = quoted ? quoteLine : null
  if (field !== '' || cells.length > 0) endRecord()
  return { records, unterminatedAt }
}
