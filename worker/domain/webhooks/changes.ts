/**
 * What a CRM, form or scheduling webhook tells Handoff, in one vocabulary: each system's reader turns its
 * payload into these changes, and one applier acts on them. Pure types.
 * @module
 */
import type { CrmRef, LeadInput, Outcome, TouchChannel } from '../../../shared/schemas/lead'

/** Who a change is about: the CRM record, its email, or both (the applier tries the ref first). */
export type Subject = { ref?: CrmRef; email?: string }

/** Lead fields without the email (a CRM property change carries one property at a time). */
export type LeadPatch = Partial<Omit<LeadInput, 'email' | 'crmRefs'>>

export type CrmChange =
  /** Properties of a contact, person or lead record (created or changed). */
  | { type: 'record'; subject: Subject; patch: LeadPatch; at: number }
  /** An engagement event for scoring (`form_submit`, `meeting_booked`…), deduplicated by `id`. */
  | {
      type: 'event'
      subject: Subject
      id: string
      event: string
      at: number
      properties?: Record<string, string | number | boolean | null>
    }
  /** A call, email or meeting logged by a salesperson: meets the SLA like a touch in the overlay. */
  | {
      type: 'touch'
      subject: Subject
      id: string
      channel: TouchChannel
      /** The CRM user who logged it (matched against reps' `crmOwnerIds`), or their email. */
      ownerId?: string
      ownerEmail?: string
      /** Counts only when the owner is the lead's assignee (a booked meeting with someone else is not). */
      onlyWithAssignee?: boolean
      note?: string
      at: number
    }
  /** A lead converted, disqualified, won or lost in the CRM. */
  | { type: 'outcome'; subject: Subject; outcome: Outcome; amount?: number; reason?: string; at: number }
  /**
   * A deal (opportunity) changed: linked to a person when the payload says which, closed when its status
   * or stage is won or lost.
   */
  | {
      type: 'deal'
      dealId: string
      person?: Subject
      amount?: number | null
      stage?: string
      outcome?: 'won' | 'lost'
      reason?: string
      at: number
    }
  /** The CRM moved the record to another owner. */
  | { type: 'owner'; subject: Subject; ownerId: string; at: number }

/** A reader's result: the deliveries in the request (for replay checks), each with its changes. */
export type Delivery = { id: string; changes: CrmChange[] }
