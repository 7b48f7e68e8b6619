/**
 * A readable diff between two criteria documents, one line per change, for the version history:
 * "SQL threshold 70 → 60", "added fit rule 'Enterprise'", "engagement 'Pricing page' points 5 → 8".
 * @module
 */
import type { CriteriaDocument } from '../../shared/schemas/criteria'
import { describeCondition, describeWhereList } from './describe'

type RuleSection = 'fit' | 'engagement' | 'negative' | 'disqualifiers' | 'hot' | 'signals'

const NOUN: Record<RuleSection, string> = {
  fit: 'fit rule',
  engagement: 'engagement',
  negative: 'negative rule',
  disqualifiers: 'disqualifier',
  hot: 'hot signal',
  signals: 'signal',
}
const PLURAL: Record<RuleSection, string> = {
  fit: 'fit rules',
  engagement: 'engagement rules',
  negative: 'negative rules',
  disqualifiers: 'disqualifiers',
  hot: 'hot signals',
  signals: 'interest/objection rules',
}

type AnyRule = { id: string; label: string } & Record<string, unknown>

const show = (v: unknown): string => (v === undefined || v === null || v === '' ? 'none' : String(v))
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** Scalar fields compared one by one, with their reading. */
const SCALARS: Array<[key: string, name: string]> = [
  ['points', 'points'],
  ['cap', 'cap'],
  ['halfLifeDays', 'half-life (days)'],
  ['eventType', 'event type'],
  ['reason', 'reason'],
  ['withinDays', 'within (days)'],
  ['kind', 'kind'],
]

const ruleChanges = (section: RuleSection, before: AnyRule, after: AnyRule): string[] => {
  const noun = section === 'signals' ? String(after.kind ?? 'signal') : NOUN[section]
  const name = `${noun} '${after.label}'`
  const lines: string[] = []
  if (before.label !== after.label) lines.push(`${noun} '${before.label}' renamed '${after.label}'`)
  for (const [key, reading] of SCALARS) {
    if (!same(before[key], after[key])) lines.push(`${name} ${reading} ${show(before[key])} → ${show(after[key])}`)
  }
  if (!same(before.when, after.when) && before.when && after.when) {
    lines.push(
      `${name} condition ${describeCondition(before.when as never)} → ${describeCondition(after.when as never)}`,
    )
  }
  if (!same(before.where, after.where)) {
    lines.push(
      `${name} events ${describeWhereList(before.where as never)} → ${describeWhereList(after.where as never)}`,
    )
  }
  if (!same(before.content, after.content)) {
    const titles = (v: unknown) => ((v as Array<{ title: string }> | undefined) ?? []).map((c) => c.title)
    const was = new Set(titles(before.content))
    const now = new Set(titles(after.content))
    const added = [...now].filter((t) => !was.has(t))
    const removed = [...was].filter((t) => !now.has(t))
    for (const t of added) lines.push(`${name} added content '${t}'`)
    for (const t of removed) lines.push(`${name} removed content '${t}'`)
    if (added.length === 0 && removed.length === 0) lines.push(`${name} content links changed`)
  }
  return lines
}

const sectionChanges = (section: RuleSection, before: readonly AnyRule[], after: readonly AnyRule[]): string[] => {
  const lines: string[] = []
  const old = new Map(before.map((r) => [r.id, r]))
  const cur = new Map(after.map((r) => [r.id, r]))
  const noun = (r: AnyRule) => (section === 'signals' ? String(r.kind ?? 'signal') : NOUN[section])
  for (const r of after) if (!old.has(r.id)) lines.push(`added ${noun(r)} '${r.label}'`)
  for (const r of before) if (!cur.has(r.id)) lines.push(`removed ${noun(r)} '${r.label}'`)
  for (const r of after) {
    const was = old.get(r.id)
    if (was) lines.push(...ruleChanges(section, was, r))
  }
  const keptBefore = before.filter((r) => cur.has(r.id)).map((r) => r.id)
  const keptAfter = after.filter((r) => old.has(r.id)).map((r) => r.id)
  if (!same(keptBefore, keptAfter)) lines.push(`${PLURAL[section]} reordered`)
  return lines
}

/**
 * Lists what changed from `before` to `after`, in editor order (thresholds first).
 * @example diffCriteria(v1, v2) // ['SQL threshold 70 → 60', "added fit rule 'Enterprise'"]
 */
export const diffCriteria = (before: CriteriaDocument, after: CriteriaDocument): string[] => {
  const lines: string[] = []
  if ((before.name ?? '') !== (after.name ?? '')) lines.push(`name '${show(before.name)}' → '${show(after.name)}'`)
  if (before.thresholds.mql !== after.thresholds.mql)
    lines.push(`MQL threshold ${before.thresholds.mql} → ${after.thresholds.mql}`)
  if (before.thresholds.sql !== after.thresholds.sql)
    lines.push(`SQL threshold ${before.thresholds.sql} → ${after.thresholds.sql}`)
  for (const section of ['fit', 'engagement', 'negative', 'disqualifiers', 'hot', 'signals'] as const) {
    lines.push(...sectionChanges(section, (before[section] ?? []) as AnyRule[], (after[section] ?? []) as AnyRule[]))
  }
  const reasonsBefore = before.disqualificationReasons ?? []
  const reasonsAfter = after.disqualificationReasons ?? []
  for (const r of reasonsAfter) if (!reasonsBefore.includes(r)) lines.push(`added disqualification reason '${r}'`)
  for (const r of reasonsBefore) if (!reasonsAfter.includes(r)) lines.push(`removed disqualification reason '${r}'`)
  return lines
}
