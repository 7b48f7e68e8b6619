/**
 * The sets of lead statuses the product reasons about, each named for the question it answers. Worker and
 * extension import these instead of writing their own lists, so "open" can never mean three things again.
 * @module
 */
import type { LeadStatus } from './schemas/lead'

/**
 * Nobody works the lead yet, so its status follows its score's stage (new → mql → sql and back on decay),
 * and it can be handed off. Once assigned, the status belongs to the rep.
 * @example SCORE_DRIVEN.includes(lead.status)
 */
export const SCORE_DRIVEN = ['new', 'mql', 'sql'] as const satisfies readonly LeadStatus[]

/** Statuses in which a rep's assigned lead still waits for its first touch (with `firstTouchAt` null). */
export const AWAITING_FIRST_TOUCH = ['new', 'mql', 'sql', 'assigned'] as const satisfies readonly LeadStatus[]

/**
 * Leads still in play: nobody has accepted, closed or recycled them. A criteria change rescores these,
 * and the overlay offers actions on them.
 */
export const RESCORABLE = ['new', 'mql', 'sql', 'assigned', 'contacted'] as const satisfies readonly LeadStatus[]

/** Leads a rep can still touch or close: still in play, or accepted and being worked. */
export const WORKABLE = [...RESCORABLE, 'accepted'] as const satisfies readonly LeadStatus[]

/** Leads a rep has touched and still works (the queue's "Follow up" tab). */
export const FOLLOW_UP = ['contacted', 'accepted'] as const satisfies readonly LeadStatus[]

/** Leads a rep handed back to marketing: the managers' queue lists recent ones as "returned". */
export const RETURNED = ['recycled'] as const satisfies readonly LeadStatus[]

/** Outcomes that close a lead (the queue's "Closed today" tab). */
export const CLOSED = ['won', 'lost', 'disqualified', 'converted', 'recycled'] as const satisfies readonly LeadStatus[]

/**
 * Whether a status is in one of the sets above (typed for a plain string from a row or a brief).
 * @example isIn(RESCORABLE, lead.status)
 */
export const isIn = (set: readonly LeadStatus[], status: string): boolean => (set as readonly string[]).includes(status)
