/**
 * The typed messages between content scripts / extension pages and the background. Only the background
 * talks to the server and holds the token; answers carry lead data and states, never settings.
 * Payloads are validated in the background (`background/message-schemas.ts`), since content scripts run
 * beside hostile pages. The admin popup has its own protocol in `messaging-admin.ts`.
 * @module
 */
import { defineExtensionMessaging } from '@webext-core/messaging'
import type { Brief, DispositionInput, Queue, QueueCounts, QueueView, TouchChannel } from '../shared/schemas/lead'
import type { Me } from '../shared/schemas/auth'
import type { LeadOwner } from '../shared/schemas/errors'
import type { Connection } from './storage'

export type SiteId = 'linkedin' | 'salesforce' | 'hubspot' | 'pipedrive'

/** What a page's lead is looked up by: the URL's slug/record, or an email read from the page. */
/**
 * What a page names its lead by. `{ crm, email }`: a CRM record page whose id Handoff may not know yet, with
 * the record's one email as the fallback (the server then attaches the id to the lead it finds).
 */
export type LookupKey = { linkedin: string } | { crm: string } | { email: string } | { crm: string; email: string }
export type LeadIdentity = { site: SiteId; lookup: LookupKey }

/** Why there is no answer: not set up, token refused, server unreachable, or another error. */
export type Failure = {
  kind: 'unconfigured' | 'signed_out' | 'server_down' | 'forbidden' | 'error'
  message: string
  /** `forbidden` on a colleague's lead: whose it is (no other lead data). */
  owner?: LeadOwner
}

export type LookupResult = { kind: 'lead'; lead: Brief } | { kind: 'not_found' } | Failure
/** `undone`: the rep took the click back within the undo window; nothing reached the server. */
export type ActionResult = { kind: 'ok'; lead: Brief } | { kind: 'undone' } | Failure
export type StateResult = { connection: Connection; counts: QueueCounts | null; fetchedAt: number | null }
export type ConnectionResult = { kind: 'ok'; me: Me } | Failure
/** One tab of the rep's queue, read when the popup opens it. */
export type QueueTabResult = { kind: 'queue'; queue: Queue } | Failure
/** The tabs read on demand ("To contact" is the stored queue the background polls). */
export type OnDemandView = Exclude<QueueView, 'to_contact'>

/** With `actionId`, the background waits a few seconds before sending, and `undoAction` can take it back. */
export type TouchMessage = { leadId: string; channel: TouchChannel; note?: string; actionId?: string }
export type DispositionMessage = {
  leadId: string
  outcome: DispositionInput['outcome']
  reason?: string
  note?: string
  amount?: number
  actionId?: string
}

export interface ProtocolMap {
  getState(): StateResult
  lookupLead(identity: LeadIdentity): LookupResult
  /** One lead by id (the extension's lead page). */
  getLead(data: { leadId: string }): LookupResult
  logTouch(data: TouchMessage): ActionResult
  setDisposition(data: DispositionMessage): ActionResult
  /** Takes back a touch or outcome sent with `actionId` while it still waits. */
  undoAction(data: { actionId: string }): { undone: boolean }
  /** Calls `GET /v1/me` with the saved settings (options page). */
  testConnection(): ConnectionResult
  getQueue(): Queue | null
  /** "Follow up" or "Closed today", read from the server now. */
  getQueueTab(data: { view: OnDemandView }): QueueTabResult
}

/**
 * @example
 * const result = await sendMessage('lookupLead', { site: 'linkedin', lookup: { linkedin: 'jane-doe' } })
 * if (result.kind === 'lead') show(result.lead)
 */
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>()
