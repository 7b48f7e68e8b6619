/**
 * Dispositions: the closed loop from sales back to marketing.
 * @module
 */
import type { DispositionInput, LeadStatus, Outcome } from '../../shared/schemas/lead'
import { insertDisposition, leadForOutcome, setLeadOutcome } from '../db/queries/outcomes'
import { historyEntry } from '../db/queries/history'
import { invalidInput } from './errors'
import { newId } from '../lib/crypto'
import { emitLeadEvent } from './alerts/emit-lead-event'
import type { DomainCtx } from './context'
import { getCurrentCriteria } from '../db/queries/criteria'
import { stopSla } from './sla/clock'

/** A reason outside the criteria's list is accepted only as `other` with a note. */
export const OTHER_REASON = 'other'

/**
 * Outcomes that take the lead out of the rep's queue: before a first touch they stop the SLA clock, so a closed
 * lead never turns red. Only `accepted` keeps it running: the rep took the lead and still owes the first touch.
 */
const ENDS_WORK: ReadonlySet<Outcome> = new Set(['disqualified', 'recycled', 'lost', 'won', 'converted'])

/** Each outcome sets the lead's status of the same name. */
export const STATUS: Record<Outcome, LeadStatus> = {
  accepted: 'accepted',
  disqualified: 'disqualified',
  recycled: 'recycled',
  converted: 'converted',
  won: 'won',
  lost: 'lost',
}

/**
 * Checks a `disqualified`/`lost` reason against the current criteria's `disqualificationReasons`
 * (case-insensitive), or `other` with a note; returns the reason as listed. Throws 422 otherwise.
 */
export const checkReason = (reasons: readonly string[], input: DispositionInput): string | null => {
  if (!input.reason) return null
  const given = input.reason.trim().toLowerCase()
  if (given === OTHER_REASON) {
    if (!input.note) throw invalidInput([{ path: 'note', message: 'A note is required when the reason is "other"' }])
    return OTHER_REASON
  }
  const listed = reasons.find((r) => r.toLowerCase() === given)
  if (!listed) {
    throw invalidInput([{ path: 'reason', message: `Use one of: ${[...reasons, OTHER_REASON].join(', ')}` }])
  }
  return listed
}

/**
 * Records an outcome, moves the lead's status, and, when the lead leaves the queue untouched, stops its
 * SLA clock. Returns null when there is no such lead; throws 422 for a reason not in the list.
 * @example await recordDisposition(ctx, { leadId, outcome: 'disqualified', reason: 'no budget', actorId: rep.id })
 */
export const recordDisposition = async (
  ctx: DomainCtx,
  input: DispositionInput & {
    leadId: string
    actorId?: string | null
    at?: number
    /** The CRM reporting it: its outcome applies only if it is later than the lead's last one. */
    system?: string
  },
): Promise<{ id: string; status: LeadStatus; at: number; applied: boolean } | null> => {
  const { db } = ctx
  const at = input.at ?? ctx.now
  const lead = await leadForOutcome(db, input.leadId)
  if (!lead) return null
  // CRM and rep disagree: the later event wins, and both stay in the journey.
  const applied = !input.system || lead.outcomeAt === null || lead.outcomeAt <= at
  const needsReason = input.outcome === 'disqualified' || input.outcome === 'lost'
  const reason = needsReason
    ? checkReason((await getCurrentCriteria(db)).document.disqualificationReasons, input)
    : (input.reason ?? null)
  const status = STATUS[input.outcome]
  const id = newId('disp')
  const actor = ctx.actor ?? input.actorId ?? null
  await db.batch([
    insertDisposition(db, {
      id,
      leadId: lead.id,
      actorId: input.actorId ?? null,
      outcome: input.outcome,
      reason,
      note: input.note ?? null,
      amount: input.outcome === 'won' ? (input.amount ?? null) : null,
      at,
      system: input.system ?? null,
    }),
    ...(applied
      ? [
          setLeadOutcome(db, lead.id, {
            status,
            outcomeAt: at,
            updatedAt: ctx.now,
            ...(input.outcome === 'disqualified' ? { disqualifiedReason: reason } : {}),
            ...(input.outcome === 'won' ? { wonAmount: input.amount ?? null } : {}),
          }),
        ]
      : []),
    historyEntry(db, {
      leadId: lead.id,
      at,
      kind: 'disposition',
      actor,
      data: {
        dispositionId: id,
        outcome: input.outcome,
        reason,
        note: input.note ?? null,
        amount: input.amount ?? null,
        from: lead.status,
        to: applied ? status : lead.status,
        ...(input.system ? { system: input.system } : {}),
        ...(applied ? {} : { superseded: 'A later outcome in Handoff stands' }),
      },
    }),
  ])
  if (applied && lead.firstTouchAt === null && ENDS_WORK.has(input.outcome)) {
    await stopSla(ctx, lead.id, at, `${input.outcome}${reason ? `: ${reason}` : ''}`)
  }
  // Sent even when superseded (a CRM outcome older than Handoff's): the subscriber sees `data.lead.status`.
  await emitLeadEvent(ctx, {
    type: 'lead.disposition',
    leadId: lead.id,
    key: id,
    disposition: {
      id,
      outcome: input.outcome,
      reason,
      amount: input.outcome === 'won' ? (input.amount ?? null) : null,
      system: input.system ?? null,
      at: new Date(at).toISOString(),
    },
  })
  return { id, status: applied ? status : (lead.status as LeadStatus), at, applied }
}
