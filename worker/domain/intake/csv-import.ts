/**
 * CSV import for marketing ops: a header row maps columns onto lead fields (common aliases understood,
 * unknown columns kept in `fields`), every row is validated on its own, the valid rows are upserted in bulk.
 * @module
 */
import { type ErrorIssue, toIssues } from '../../../shared/schemas/errors'
import type { ImportReport } from '../../../shared/schemas/intake'
import { type CrmRef, LeadInput } from '../../../shared/schemas/lead'
import { invalidInput } from '../errors'
import type { DomainCtx } from '../context'
import { parseCsv } from './csv'
import { canonicalKey, leadFieldOf, toLeadInput } from './form'
import { ingestLeads } from './ingest-leads'
import { canonicalRefs } from './merge'

const CRM_COLUMNS: ReadonlyMap<string, CrmRef['system']> = new Map(
  Object.entries({
    salesforce_id: 'salesforce',
    sfdc_id: 'salesforce',
    hubspot_id: 'hubspot',
    pipedrive_id: 'pipedrive',
  } as const),
)

/**
 * Imports CSV text. 422 when there is no header row or no email column; otherwise a report with the 1-based
 * line of every rejected row.
 * @example const report = await importCsv(ctx, 'email,First Name\nana@acme.io,Ana\n')
 */
export const importCsv = async (ctx: DomainCtx, text: string): Promise<ImportReport> => {
  const { records, unterminatedAt } = parseCsv(text)
  const header = records[0]
  if (!header) throw invalidInput([{ path: 'header', message: 'Expected a header row' }], 'The CSV is empty')
  const names = header.cells.map((c) => c.trim())
  const columns: Record<string, string> = Object.create(null)
  for (const name of names) {
    const system = CRM_COLUMNS.get(canonicalKey(name))
    columns[name] = system ? `crmRefs.${system}` : (leadFieldOf(name) ?? `fields.${name}`)
  }
  if (!names.some((n) => leadFieldOf(n) === 'email')) {
    throw invalidInput([{ path: 'header', message: 'Add an "email" column' }], 'The CSV has no email column')
  }

  const rejected: ImportReport['rejected'] = []
  const inputs: LeadInput[] = []
  for (const record of records.slice(1)) {
    if (record.cells.length !== names.length) {
      const issues: ErrorIssue[] = [
        { path: 'row', message: `Expected ${names.length} columns, found ${record.cells.length}` },
      ]
      if (unterminatedAt !== null && record.line >= unterminatedAt)
        issues.push({ path: 'row', message: `A quote opened on line ${unterminatedAt} is never closed` })
      rejected.push({ line: record.line, issues })
      continue
    }
    const values: Record<string, string> = Object.create(null)
    const refs: CrmRef[] = []
    names.forEach((name, i) => {
      const cell = record.cells[i]!
      const system = CRM_COLUMNS.get(canonicalKey(name))
      if (system) {
        if (cell.trim()) refs.push({ system, id: cell.trim() })
      } else if (name) values[name] = cell
    })
    const parsed = LeadInput.safeParse({ ...toLeadInput(values), ...(refs.length > 0 ? { crmRefs: refs } : {}) })
    if (!parsed.success) {
      rejected.push({ line: record.line, issues: toIssues(parsed.error.issues) })
      continue
    }
    const crm = canonicalRefs(parsed.data.crmRefs)
    if (crm.issues.length > 0) {
      rejected.push({ line: record.line, issues: crm.issues })
      continue
    }
    inputs.push(parsed.data)
  }
  let updated = 0
  if (inputs.length > 0) {
    const results = await ingestLeads(ctx, inputs, { source: 'csv-import' })
    updated = results.filter((r) => !r.created).length
  }
  return { accepted: inputs.length, updated, rejected: rejected.sort((a, b) => a.line - b.line), columns }
}
