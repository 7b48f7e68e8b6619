import { describe, expect, it } from 'vitest'
import { toCsv } from '../../shared/csv'

type Row = { key: string | null; leads: number; medianMs: number | null; note?: string }
const columns = [
  { header: 'Source', value: (r: Row) => r.key ?? '(none)' },
  { header: 'Leads', value: (r: Row) => r.leads },
  { header: 'Median (min)', value: (r: Row) => (r.medianMs === null ? null : r.medianMs / 60_000) },
  { header: 'Note', value: (r: Row) => r.note },
]

describe('toCsv', () => {
  it('writes a header and one CRLF-terminated line per row; empty cells for null', () => {
    expect(
      toCsv(
        [
          { key: 'web', leads: 3, medianMs: 90_000 },
          { key: null, leads: 0, medianMs: null },
        ],
        columns,
      ),
    ).toBe('Source,Leads,Median (min),Note\r\nweb,3,1.5,\r\n(none),0,,\r\n')
  })

  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas (not negative numbers)', () => {
    const csv = toCsv([{ key: 'a,b "c"', leads: -2, medianMs: null, note: '=HYPERLINK("x")\nnext' }], columns)
    expect(csv.split('\r\n')[1]).toBe('"a,b ""c""",-2,,"\'=HYPERLINK(""x"")\nnext"')
  })
})
