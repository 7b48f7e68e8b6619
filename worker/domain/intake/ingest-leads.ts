/**
 * Lead intake: upsert by normalized email, merge, rescore, hand off, all in as few D1 round trips as the
 * data allows (one batched read, one batched write per 200 statements, then the hand-offs).
 * @module
 */
import type { ErrorIssue } from '../../../shared/schemas/errors'
import type { CrmRef, LeadInput } from '../../../shared/schemas/lead'
import { currentCriteriaQuery, resolveCriteria } from '../../db/queries/criteria'
import { eventsForEmailsQueries, groupEvents, type LeadEvent } from '../../db/queries/events'
import { historyInserts, type HistoryRow } from '../../db/queries/history'
import {
  attachCrmRefs,
  insertLead,
  type LeadRow,
  leadsByEmailQueries,
  normalizeEmail,
  runChunked,
  updateLead,
} from '../../db/queries/leads'
import { newId } from '../../lib/crypto'
import type { DomainCtx } from '../context'
import { blankLead, canonicalRefs, INTAKE_COLUMNS, mergeLead } from './merge'
import { planScore } from './score-plan'
import { handOffAll, historyRows } from './write-plan'

export type IngestOptions = {
  /** `source` for leads that have none (e.g. `csv-import`, `segment`). */
  source?: string
  /** Run the hand-off for leads that qualify (default true). */
  handOff?: boolean
  /** Anonymous input: fill empty fields of a known lead, never overwrite them. */
  fillOnly?: boolean
}

export type IngestResult = { leadId: string; created: boolean; changed: string[] }

/** Thrown when CRM ids are not ids of their system (routes turn it into 422). */
export class IntakeIssues extends Error {
  constructor(readonly issues: ErrorIssue[]) {
    super('invalid intake data')
  }
}

const isUniqueViolation = (err: unknown) => /UNIQUE constraint failed/i.test(String((err as Error)?.message ?? err))

/**
 * Upserts many leads (later inputs for the same email merge into the earlier ones). Returns one result per
 * input, in order. Throws {@link IntakeIssues} before writing anything if a CRM id is invalid.
 * @example const [r] = await ingestLeads(ctx, [{ email: 'ana@acme.io', title: 'VP Sales' }], { source: 'api' })
 */
export const ingestLeads = async (
  ctx: DomainCtx,
  inputs: readonly LeadInput[],
  opts: IngestOptions = {},
): Promise<IngestResult[]> => {
  const refsByInput: CrmRef[][] = []
  const issues: ErrorIssue[] = []
  inputs.forEach((input, i) => {
    const r = canonicalRefs(input.crmRefs)
    refsByInput.push(r.refs)
    issues.push(...r.issues.map((is) => ({ ...is, path: inputs.length > 1 ? `${i}.${is.path}` : is.path })))
  })
  if (issues.length > 0) throw new IntakeIssues(issues)
  try {
    return await ingestOnce(ctx, inputs, refsByInput, opts)
  } catch (err) {
    // Another request created one of these emails between our read and our write: the write batch rolled
    // back as a whole, so read again and merge into the lead that won.
    if (!isUniqueViolation(err)) throw err
    return ingestOnce(ctx, inputs, refsByInput, opts)
  }
}

const ingestOnce = async (
  ctx: DomainCtx,
  inputs: readonly LeadInput[],
  refsByInput: CrmRef[][],
  opts: IngestOptions,
) => {
  const { db, now } = ctx
  const norms = inputs.map((i) => normalizeEmail(i.email))
  const leadQueries = leadsByEmailQueries(db, norms)
  const eventQueries = eventsForEmailsQueries(db, norms)
  const reads = (await runChunked(db, [currentCriteriaQuery(db), ...leadQueries, ...eventQueries], 100)) as unknown[][]
  const criteria = await resolveCriteria(db, reads[0] as Parameters<typeof resolveCriteria>[1])
  const existing = new Map<string, LeadRow>()
  for (const rows of reads.slice(1, 1 + leadQueries.length) as LeadRow[][])
    for (const r of rows) existing.set(r.emailNorm, r)
  const eventsByLead = groupEvents(reads.slice(1 + leadQueries.length).flat() as LeadEvent[])

  // Merge in memory first, so that several inputs for one email become one write.
  type Work = { before: LeadRow | null; row: LeadRow; changed: Set<string>; refs: CrmRef[]; inputs: number }
  const work = new Map<string, Work>()
  const results: IngestResult[] = []
  inputs.forEach((input, i) => {
    const norm = norms[i]!
    let w = work.get(norm)
    const isNew = !w && !existing.has(norm)
    if (!w) {
      const before = existing.get(norm) ?? null
      w = { before, row: before ?? blankLead(newId('lead'), input.email, now), changed: new Set(), refs: [], inputs: 0 }
      work.set(norm, w)
    }
    const merged = mergeLead(w.row, input, { now, defaultSource: opts.source, fillOnly: opts.fillOnly && !isNew })
    w.row = merged.row
    merged.changed.forEach((k) => w.changed.add(k))
    w.refs.push(...refsByInput[i]!)
    w.inputs++
    results.push({ leadId: w.row.id, created: isNew, changed: merged.changed })
  })

  const statements: unknown[] = []
  const history: HistoryRow[] = []
  const toHandOff: string[] = []
  const actor = ctx.actor ?? null
  for (const w of work.values()) {
    const plan = planScore(w.row, eventsByLead.get(w.row.id) ?? [], criteria.document, criteria.version, now, 'intake')
    const intakeEntry = {
      kind: 'intake' as const,
      data: { created: !w.before, source: w.row.source, changed: [...w.changed], inputs: w.inputs },
    }
    if (!w.before) {
      statements.push(insertLead(db, { ...w.row, ...plan.patch }))
      history.push(...historyRows(w.row.id, [intakeEntry, ...plan.history], now, actor))
    } else {
      const columns = Object.fromEntries(INTAKE_COLUMNS.map((k) => [k, w.row[k]]))
      if (w.changed.size > 0 || plan.changed) {
        statements.push(updateLead(db, w.row.id, { ...columns, ...plan.patch, updatedAt: now }))
      }
      history.push(...historyRows(w.row.id, [intakeEntry, ...plan.history], now, actor))
    }
    if (w.refs.length > 0) {
      // A reference already attached to another lead stays there (first writer wins); lookups stay unambiguous.
      statements.push(attachCrmRefs(db, w.row.id, w.refs))
    }
    if (plan.needsHandOff) toHandOff.push(w.row.id)
  }
  // Lead rows first: if one of them collides on email, the whole first batch (a transaction) rolls back.
  await runChunked(db, [...statements, ...historyInserts(db, history)], 200)
  if (opts.handOff !== false) await handOffAll(ctx, toHandOff)
  return results
}

/**
 * Creates or updates one lead by normalized email, rescoring it and handing it off when it qualifies.
 * @example const { leadId, created } = await ingestLead(ctx, { email: ' Ana@Acme.io ', company: { name: 'Acme' } })
 */
export const ingestLead = async (ctx: DomainCtx, input: LeadInput, opts: IngestOptions = {}): Promise<IngestResult> =>
  (await ingestLeads(ctx, [input], opts))[0]!
