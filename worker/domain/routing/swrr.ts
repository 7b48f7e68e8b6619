/**
 * Smooth weighted round robin (nginx): every eligible member gains its weight, the largest current wins and
 * pays back the total. Weights 2:1 give A,B,A — interleaved, never bursts — and exact proportions at the end
 * of every cycle of sum(weights) picks. Deterministic: ties go to the earlier member in the given order.
 * @module
 */

export type WrrMember = { id: string; weight: number }

/**
 * One pick over the eligible members. Ineligible reps are simply not passed: their current weight stays
 * frozen, so skipping someone does not disturb the proportions among the others.
 * @example swrrStep([{ id: 'a', weight: 2 }, { id: 'b', weight: 1 }], {}) // { pick: 'a', state: { a: -1, b: 1 } }
 */
export const swrrStep = (members: readonly WrrMember[], state: Readonly<Record<string, number>>) => {
  if (members.length === 0) return null
  const next: Record<string, number> = { ...state }
  let total = 0
  let best: string | null = null
  for (const m of members) {
    next[m.id] = (next[m.id] ?? 0) + m.weight
    total += m.weight
    if (best === null || next[m.id]! > next[best]!) best = m.id
  }
  next[best!]! -= total
  return { pick: best!, state: next }
}
