import type { DomainCtx } from './context'

/**
 * Called after every rescore that leaves a lead at the hand-off threshold (status `sql`, or hot) with no
 * assignee: routes it, records the assignment, starts its SLA clock and notifies the rep, all in this request.
 * STUB: replaced by the assignment work (issue 3).
 * @example await handOff(ctx, lead.id)
 */
export const handOff = async (_ctx: DomainCtx, _leadId: string): Promise<void> => {}
