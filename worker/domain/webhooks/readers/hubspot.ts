/**
 * HubSpot webhooks (developers.hubspot.com/docs/api/webhooks): an array of up to 100 events, one per
 * change, each with its `eventId`. Contact events carry only the contact's id and one property, so a contact
 * is known by its HubSpot id (`crmRefs` `hubspot:<objectId>`) and its email may arrive later. Also the body of
 * a workflow "Send a webhook" action: one contact with its properties. Pure.
 * @module
 */
import type { CrmChange, Delivery, LeadPatch, Subject } from '../changes'
import { malformed } from '../../errors'

type HubSpotEvent = {
  eventId?: number | string
  subscriptionType?: string
  /** The documentation's example names the type `eventType`; deliveries say `subscriptionType`. */
  eventType?: string
  objectId?: number | string
  propertyName?: string
  propertyValue?: string
  occurredAt?: number
  associationType?: string
  fromObjectId?: number | string
  toObjectId?: number | string
  associationRemoved?: boolean
}

/** Contact properties by their standard internal names → lead fields. */
const CONTACT_PROPERTIES: Record<string, (v: string) => LeadPatch> = {
  firstname: (v) => ({ firstName: v }),
  lastname: (v) => ({ lastName: v }),
  jobtitle: (v) => ({ title: v }),
  phone: (v) => ({ phone: v }),
  mobilephone: (v) => ({ phone: v }),
  company: (v) => ({ company: { name: v } }),
  industry: (v) => ({ company: { industry: v } }),
  website: (v) => ({
    company: {
      domain: v
        .replace(/^https?:\/\//i, '')
        .replace(/^www\./i, '')
        .split('/')[0]!,
    },
  }),
  hs_linkedin_url: (v) => ({ linkedinUrl: v }),
  lifecyclestage: (v) => ({ fields: { hubspot_lifecyclestage: v } }),
  hs_lead_status: (v) => ({ fields: { hubspot_lead_status: v } }),
}

/** Engagement object types whose association with a contact is a logged touch. */
const ENGAGEMENTS: Record<string, 'call' | 'email' | 'meeting'> = { CALL: 'call', EMAIL: 'email', MEETING: 'meeting' }

const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v))

const contact = (id: unknown): Subject => ({ ref: { system: 'hubspot', id: String(id) } })

/** The changes one HubSpot event means (none for types Handoff does not use). */
export const hubspotEventChanges = (e: HubSpotEvent): CrmChange[] => {
  const type = e.subscriptionType ?? e.eventType ?? ''
  const at = typeof e.occurredAt === 'number' ? e.occurredAt : Date.now()
  const value = str(e.propertyValue)
  if (type === 'contact.creation' && e.objectId !== undefined)
    return [{ type: 'record', subject: contact(e.objectId), patch: {}, at }]
  if (type === 'contact.propertyChange' && e.objectId !== undefined && e.propertyName) {
    const name = e.propertyName.toLowerCase()
    if (name === 'email')
      return value ? [{ type: 'record', subject: { ...contact(e.objectId), email: value }, patch: {}, at }] : []
    if (name === 'hubspot_owner_id')
      return value ? [{ type: 'owner', subject: contact(e.objectId), ownerId: value, at }] : []
    const map = CONTACT_PROPERTIES[name]
    if (!map || value === undefined || value === '') return []
    const out: CrmChange[] = [{ type: 'record', subject: contact(e.objectId), patch: map(value), at }]
    // HubSpot's own verdicts close the loop: an unqualified lead, or one that became an opportunity.
    if (name === 'hs_lead_status' && value.toUpperCase() === 'UNQUALIFIED')
      out.push({ type: 'outcome', subject: contact(e.objectId), outcome: 'disqualified', at })
    if (name === 'lifecyclestage' && value.toLowerCase() === 'opportunity')
      out.push({ type: 'outcome', subject: contact(e.objectId), outcome: 'converted', at })
    return out
  }
  if (type === 'deal.propertyChange' && e.objectId !== undefined && e.propertyName) {
    const dealId = String(e.objectId)
    const name = e.propertyName.toLowerCase()
    if (name === 'dealstage') {
      const stage = (value ?? '').toLowerCase()
      const outcome = stage === 'closedwon' ? 'won' : stage === 'closedlost' ? 'lost' : undefined
      return [{ type: 'deal', dealId, stage: value, outcome, at }]
    }
    if (name === 'amount') {
      const n = Number(value)
      return [
        { type: 'deal', dealId, amount: value === undefined || value === '' || !Number.isFinite(n) ? null : n, at },
      ]
    }
    if (name === 'closed_lost_reason' && value) return [{ type: 'deal', dealId, reason: value, at }]
    return []
  }
  if (type.endsWith('.associationChange') && e.associationType && !e.associationRemoved) {
    const [from, , to] = e.associationType.toUpperCase().split('_')
    const fromId = str(e.fromObjectId)
    const toId = str(e.toObjectId)
    if (!fromId || !toId) return []
    // Both directions arrive (DEAL_TO_CONTACT and CONTACT_TO_DEAL); either links the deal.
    if (from === 'DEAL' && to === 'CONTACT') return [{ type: 'deal', dealId: fromId, person: contact(toId), at }]
    if (from === 'CONTACT' && to === 'DEAL') return [{ type: 'deal', dealId: toId, person: contact(fromId), at }]
    const engagement =
      (from && ENGAGEMENTS[from] && to === 'CONTACT' ? [from, fromId, toId] : null) ??
      (to && ENGAGEMENTS[to] && from === 'CONTACT' ? [to, toId, fromId] : null)
    if (engagement) {
      const [kind, engagementId, contactId] = engagement as [string, string, string]
      // The id is the engagement's, so the association's two directions make one touch.
      return [
        {
          type: 'touch',
          subject: contact(contactId),
          id: `hubspot:${kind.toLowerCase()}:${engagementId}`,
          channel: ENGAGEMENTS[kind]!,
          at,
        },
      ]
    }
  }
  return []
}

type PropertyValue = string | number | boolean | null | { value?: unknown }

/**
 * A workflow "Send a webhook" body: one contact whose `properties` hold values, either plain or as
 * `{ value }` objects (the "include all contact properties" format), with the id as `objectId`, `vid` or
 * `hs_object_id`.
 */
const workflowChanges = (body: Record<string, unknown>, now: number): CrmChange[] => {
  const props = (body.properties ?? body) as Record<string, PropertyValue>
  const get = (k: string) => {
    const v = props[k]
    const raw = v && typeof v === 'object' ? v.value : v
    return raw === undefined || raw === null || raw === '' ? undefined : String(raw)
  }
  const id = str(body.objectId) ?? str(body.vid) ?? get('hs_object_id')
  const email = get('email')
  if (!id && !email) return []
  const subject: Subject = { ...(id ? { ref: { system: 'hubspot', id } } : {}), ...(email ? { email } : {}) }
  let patch: LeadPatch = {}
  for (const [name, map] of Object.entries(CONTACT_PROPERTIES)) {
    const v = get(name)
    if (v === undefined) continue
    const p = map(v)
    patch = {
      ...patch,
      ...p,
      company: p.company || patch.company ? { ...patch.company, ...p.company } : undefined,
      fields: p.fields || patch.fields ? { ...patch.fields, ...p.fields } : undefined,
    }
  }
  const out: CrmChange[] = [{ type: 'record', subject, patch, at: now }]
  const owner = get('hubspot_owner_id')
  if (owner) out.push({ type: 'owner', subject, ownerId: owner, at: now })
  return out
}

/**
 * Reads a verified HubSpot body into deliveries: one per event (`eventId`), or one for a workflow body
 * (its id is the body's digest, passed in).
 * @example readHubSpot('[{"eventId":1,"subscriptionType":"contact.creation","objectId":123}]', { now, digest })
 */
export const readHubSpot = (body: string, opts: { now: number; digest: string }): Delivery[] => {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw malformed('The HubSpot body is not JSON')
  }
  if (Array.isArray(parsed)) {
    return parsed
      .filter((e): e is HubSpotEvent => !!e && typeof e === 'object')
      .map((e, i) => ({
        id: e.eventId !== undefined ? String(e.eventId) : `${opts.digest}:${i}`,
        changes: hubspotEventChanges(e),
      }))
  }
  if (parsed && typeof parsed === 'object') {
    return [{ id: `workflow:${opts.digest}`, changes: workflowChanges(parsed as Record<string, unknown>, opts.now) }]
  }
  throw malformed('A HubSpot body is an array of events or a contact object')
}
