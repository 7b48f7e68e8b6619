/**
 * Routing: ordered rules, first match wins — account owner, territory/segment rules to a pool, default pool —
 * then the pool's weighted round robin, its fallback owner, or the managers' queue.
 * @module
 */
import { Condition } from '../../../shared/schemas/criteria'
import { matchCondition } from '../../../shared/scoring/conditions'
import { accountOwner, activeRoutingRules, domainOwners, type RoutingRuleRow } from '../../db/queries/pools'
import { getRep, getRepsById, isOutOfOffice, type RepRow } from '../../db/queries/reps'
import type { leads } from '../../db/schema'
import type { DomainCtx } from '../context'
import { leadDomain, leadFacts } from './facts'
import { describeSkips, pickFromPool } from './pick'

export type RouteDecision = {
  /** null: nobody could take the lead (managers' queue). */
  rep: RepRow | null
  poolId: string | null
  /** The rule that chose (its name, `account owner`, `fallback`, or `none`). */
  rule: string
  reason: string
  /** True when the pool had nobody eligible (fallback or queue): managers get a `no_eligible_rep` alert. */
  noEligible: boolean
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

const accountMatch = async (ctx: DomainCtx, lead: typeof leads.$inferSelect) => {
  const domain = leadDomain(lead)
  if (!domain) return null
  const imported = await accountOwner(ctx.db, domain)
  if (imported) {
    const rep = await getRep(ctx.db, imported)
    if (available(rep, ctx.now)) return { rep, why: `account ${domain} owned by ${rep.name} (account list)` }
  }
  const owners = await domainOwners(ctx.db, domain, lead.id)
  const reps = await getRepsById(ctx.db, owners)
  for (const id of owners) {
    const rep = reps.get(id)
    if (available(rep, ctx.now)) return { rep, why: `${domain} already owned by ${rep.name} (earlier lead)` }
  }
  return null
}

const fromPool = async (ctx: DomainCtx, rule: RoutingRuleRow, via: string): Promise<RouteDecision> => {
  const pick = await pickFromPool(ctx, rule.poolId!)
  if (!pick)
    return {
      rep: null,
      poolId: null,
      rule: rule.name,
      reason: `${via}; pool ${rule.poolId} does not exist`,
      noEligible: true,
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
    }
  }
  const nobody = `nobody eligible${skips ? ` (${skips})` : ''}`
  const fallback = pick.pool.fallbackRepId ? await getRep(ctx.db, pick.pool.fallbackRepId) : undefined
  if (fallback) {
    return {
      rep: fallback,
      poolId: pick.pool.id,
      rule: `${rule.name} → fallback`,
      reason: `${head}; ${nobody}; fallback owner ${fallback.name}`,
      noEligible: true,
    }
  }
  return {
    rep: null,
    poolId: pick.pool.id,
    rule: `${rule.name} → managers' queue`,
    reason: `${head}; ${nobody}; no fallback owner: managers' queue`,
    noEligible: true,
  }
}

/**
 * Decides who gets a lead. Advances a pool's round robin when it picks from one.
 * @example const d = await routeLead(ctx, lead) // { rep, poolId, rule: 'DACH enterprise', reason: 'pool EMEA via rule …' }
 */
export const routeLead = async (ctx: DomainCtx, lead: typeof leads.$inferSelect): Promise<RouteDecision> => {
  const configured = await activeRoutingRules(ctx.db)
  const rules = configured.length ? configured : IMPLICIT_RULES
  const facts = leadFacts(lead)
  for (const rule of rules) {
    if (rule.kind === 'account') {
      const match = await accountMatch(ctx, lead)
      if (match)
        return {
          rep: match.rep,
          poolId: null,
          rule: rule.name,
          reason: `${match.why} via rule '${rule.name}'`,
          noEligible: false,
        }
      continue
    }
    const conditions = Condition.array().catch([]).parse(rule.conditions)
    if (rule.kind === 'territory' && !conditions.every((c) => matchCondition(facts, c))) continue
    return fromPool(ctx, rule, `rule '${rule.name}'`)
  }
  return { rep: null, poolId: null, rule: 'none', reason: "no routing rule matched: managers' queue", noEligible: true }
}
