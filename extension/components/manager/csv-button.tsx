import { type CsvColumn, toCsv } from '../../../shared/csv'

/**
 * "Export CSV" for a table the page already holds: the file is built here from the same rows, so an export
 * costs no second request.
 * @example <CsvButton name="sla-compliance" rows={rows} columns={[{ header: 'Rep', value: (r) => r.name }]} />
 */
export const CsvButton = <Row,>({
  name,
  rows,
  columns,
}: {
  name: string
  rows: readonly Row[]
  columns: readonly CsvColumn<Row>[]
}) => {
  const download = () => {
    const url = URL.createObjectURL(new Blob([toCsv(rows, columns)], { type: 'text/csv;charset=utf-8' }))
    const a = document.createElement('a')
    a.href = url
    a.download = `handoff-${name}.csv`
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
  return (
    <button type="button" class="csv" onClick={download}>
      Export CSV
    </button>
  )
}
