/**
 * Routing: ordered rules, first match wins — account owner, territory/segment rules to a pool, default pool —
 * then the pool's weighted round robin, its fallback owner, or the managers' queue.
 * @module
 */
import { Condition } from '../../../shared/schemas/criteria'
import { matchCondition } from '../../../shared/scoring/conditions'
import type { RoutingRuleRow } from '../../db/queries/pools'
import { isOutOfOffice, type RepRow } from '../../db/queries/reps'
import type { RoutingSnapshot } from '../../db/queries/routing-snapshot'
import type { leads } from '../../db/schema'
import { leadDomain, leadFacts } from './facts'
import { describeSkips, pickIn, type RrStep } from './pick'

export type RouteDecision = {
  /** null: nobody could take the lead (managers' queue). */
  rep: RepRow | null
  poolId: string | null
  /** The rule that chose (its name, `account owner`, `fallback`, or `none`). */
  rule: string
  reason: string
  /** True when the pool had nobody eligible (fallback or queue): managers get a `no_eligible_rep` alert. */
  noEligible: boolean
  /** The pool's round-robin step behind a pool pick, to commit for the decision to stand. */
  step: RrStep | null
}

/** Used when no rule is configured: account owners still get their accounts. */
const IMPLICIT_RULES: RoutingRuleRow[] = [
  {
    id: 'implicit_account',
    position: 0,
    name: 'account owner',
    kind: 'account',
    conditions: [],
    poolId: null,
    active: true,
  },
]

const available = (rep: RepRow | undefined, now: number): rep is RepRow =>
  !!rep && rep.active && !isOutOfOffice(rep, now)

const accountMatch = (snap: RoutingSnapshot, now: number, domain: string | null) => {
  if (!domain) return null
  if (snap.accountOwnerId) {
    const rep = snap.reps.get(snap.accountOwnerId)
    if (available(rep, now)) return { rep, why: `account ${domain} owned by ${rep.name} (account list)` }
  }
  for (const id of snap.domainOwnerIds) {
    const rep = snap.reps.get(id)
    if (available(rep, now)) return { rep, why: `${domain} already owned by ${rep.name} (earlier lead)` }
  }
  return null
}

const fromPool = (snap: RoutingSnapshot, now: number, rule: RoutingRuleRow, via: string): RouteDecision => {
  const pick = pickIn(snap, rule.poolId!, now)
  if (!pick)
    return {
      rep: null,
      poolId: null,
      rule: rule.name,
      reason: `${via}; pool ${rule.poolId} does not exist`,
      noEligible: true,
      step: null,
    }
  const skips = describeSkips(pick.skipped)
  const head = `pool ${pick.pool.name} via ${via}`
  if (pick.rep) {
    return {
      rep: pick.rep,
      poolId: pick.pool.id,
      rule: rule.name,
      reason: [head, 'weighted round robin', skips].filter(Boolean).join('; '),
      noEligible: false,
      step: pick.step,
    }
  }
  const nobody = `nobody eligible${skips ? ` (${skips})` : ''}`
  const fallback = pick.pool.fallbackRepId ? snap.reps.get(pick.pool.fallbackRepId) : undefined
  if (fallback) {
    return {
      rep: fallback,
      poolId: pick.pool.id,
      rule: `${rule.name} → fallback`,
      reason: `${head}; ${nobody}; fallback owner ${fallback.name}`,
      noEligible: true,
      step: null,
    }
  }
  return {
    rep: null,
    poolId: pick.pool.id,
    rule: `${rule.name} → managers' queue`,
    reason: `${head}; ${nobody}; no fallback owner: managers' queue`,
    noEligible: true,
    step: null,
  }
}

/**
 * Decides who gets a lead, in memory over a routing snapshot (pure). A pick from a pool comes with the
 * round-robin `step` the caller must commit (compare-and-set) for the decision to stand.
 * @example const d = decideRoute(snapshot, lead, now) // { rep, poolId, rule: 'DACH enterprise', reason, step }
 */
export const decideRoute = (snap: RoutingSnapshot, lead: typeof leads.$inferSelect, now: number): RouteDecision => {
  const rules = snap.rules.length ? snap.rules : IMPLICIT_RULES
  const facts = leadFacts(lead)
  for (const rule of rules) {
    if (rule.kind === 'account') {
      const match = accountMatch(snap, now, leadDomain(lead))
      if (match)
        return {
          rep: match.rep,
          poolId: null,
          rule: rule.name,
          reason: `${match.why} via rule '${rule.name}'`,
          noEligible: false,
          step: null,
        }
      continue
    }
    const conditions = Condition.array().catch([]).parse(rule.conditions)
    if (rule.kind === 'territory' && !conditions.every((c) => matchCondition(facts, c))) continue
    return fromPool(snap, now, rule, `rule '${rule.name}'`)
  }
  return {
    rep: null,
    poolId: null,
    rule: 'none',
    reason: "no routing rule matched: managers' queue",
    noEligible: true,
    step: null,
  }
}
