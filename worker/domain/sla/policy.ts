/**
 * Choosing the SLA policy of a lead: ordered policies, first match wins.
 * @module
 */
import { EscalationStep, SlaMatch } from '../../../shared/schemas/admin'
import type { LeadFacts } from '../../../shared/schemas/criteria'
import { matchCondition } from '../../../shared/scoring/conditions'
import type { Db } from '../../app-env'
import { listSlaPolicies } from '../../db/queries/config'
import type { slaPolicies } from '../../db/schema'
import type { PolicySnapshot } from './plan'

export type ChosenPolicy = PolicySnapshot & { id: string; name: string; businessHours: boolean }

/** What a policy's match reads from the lead. */
export type PolicySubject = { hot: boolean; status: string; facts: LeadFacts }

/**
 * Whether a policy's match holds for a lead.
 * @example matchesPolicy({ hot: true }, { hot: true, status: 'sql', facts }) // true
 */
export const matchesPolicy = (match: SlaMatch, subject: PolicySubject) =>
  (match.hot === undefined || match.hot === subject.hot) &&
  (!match.status || (match.status as string[]).includes(subject.status)) &&
  match.conditions.every((c) => matchCondition(subject.facts, c))

/**
 * The first policy (by position) whose match holds, or null when none does (then no clock runs).
 * @example const policy = await choosePolicy(db, { hot: lead.hot, status: 'sql', facts })
 */
export const choosePolicy = async (db: Db, subject: PolicySubject): Promise<ChosenPolicy | null> =>
  choosePolicyFrom(await listSlaPolicies(db), subject)

/**
 * The first of `rows` (already in position order) whose match holds, or null (pure).
 * @example const policy = choosePolicyFrom(policies, { hot: true, status: 'sql', facts })
 */
export const choosePolicyFrom = (
  rows: ReadonlyArray<typeof slaPolicies.$inferSelect>,
  subject: PolicySubject,
): ChosenPolicy | null => {
  for (const row of rows) {
    const match = SlaMatch.safeParse(row.conditions)
    if (!match.success || !matchesPolicy(match.data, subject)) continue
    return toChosen(row)
  }
  return null
}

/** A stored policy row as the snapshot a clock is planned from. */
export const toChosen = (row: typeof slaPolicies.$inferSelect): ChosenPolicy => ({
  id: row.id,
  name: row.name,
  businessHours: row.businessHours,
  durationMinutes: row.durationMinutes,
  warnings: (row.warnings as number[]) ?? [],
  escalation: EscalationStep.array().catch([]).parse(row.escalation),
})
