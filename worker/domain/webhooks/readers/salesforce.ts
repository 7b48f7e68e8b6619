/**
 * Salesforce Outbound Messages (SOAP, the `notifications` element of the Outbound Messaging WSDL:
 * developer.salesforce.com/docs/platform/api/guide/sforce-api-om-outboundmessaging-wsdl.html): up to 100
 * `Notification`s, each with its `Id` and one sObject (Lead, Contact, Task, Opportunity). Salesforce retries
 * until it gets the acknowledgement, for up to 24 hours. Pure.
 * @module
 */
import { XMLParser } from 'fast-xml-parser'
import type { TouchChannel } from '../../../../shared/schemas/lead'
import { normalizeSalesforceId } from '../../../../shared/urls/crm'
import { malformed } from '../../errors'
import type { CrmChange, Delivery, Subject } from '../changes'

/** The answer Salesforce waits for (the WSDL's `notificationsResponse` with `Ack` true). */
export const SALESFORCE_ACK =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
  '<notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse>' +
  '</soapenv:Body></soapenv:Envelope>'

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  // No entity expansion beyond XML's own five: the body comes from the network.
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => name === 'Notification',
})

type SObject = Record<string, unknown> & { '@type'?: string }

const text = (v: unknown) => {
  if (v === undefined || v === null || typeof v === 'object') return undefined
  const s = String(v).trim()
  return s === '' ? undefined : s
}
const bool = (v: unknown) => text(v)?.toLowerCase() === 'true'
const num = (v: unknown) => {
  const n = Number(text(v))
  return text(v) !== undefined && Number.isFinite(n) ? n : undefined
}
const time = (v: unknown) => {
  const ms = Date.parse(text(v) ?? '')
  return Number.isFinite(ms) ? ms : undefined
}
const ref = (id: unknown): Subject | undefined => {
  const id18 = normalizeSalesforceId(text(id) ?? '')
  return id18 ? { ref: { system: 'salesforce', id: id18 } } : undefined
}

/** Lead statuses that mean sales said no (the standard picklist's closed value, and common variants). */
const DISQUALIFIED_STATUS = /^(closed\s*-\s*not converted|unqualified|disqualified)$/i

const leadChanges = (o: SObject, at: number): CrmChange[] => {
  const me = ref(o.Id)
  if (!me) return []
  const subject: Subject = { ...me, email: text(o.Email) }
  const out: CrmChange[] = [
    {
      type: 'record',
      subject,
      patch: {
        firstName: text(o.FirstName),
        lastName: text(o.LastName),
        title: text(o.Title),
        phone: text(o.Phone) ?? text(o.MobilePhone),
        company: { name: text(o.Company), industry: text(o.Industry), employees: num(o.NumberOfEmployees) },
        ...(text(o.Status) ? { fields: { salesforce_status: text(o.Status)! } } : {}),
      },
      at,
    },
  ]
  if (bool(o.IsConverted)) {
    // The converted contact and opportunity are the same person's: attach them so later messages find the lead.
    const contact = ref(o.ConvertedContactId)
    if (contact && subject.email)
      out.push({ type: 'record', subject: { ...contact, email: subject.email }, patch: {}, at })
    const opportunity = normalizeSalesforceId(text(o.ConvertedOpportunityId) ?? '')
    if (opportunity) out.push({ type: 'deal', dealId: opportunity, person: subject, at })
    out.push({ type: 'outcome', subject, outcome: 'converted', at: time(o.ConvertedDate) ?? at })
  } else if (DISQUALIFIED_STATUS.test(text(o.Status) ?? '')) {
    out.push({ type: 'outcome', subject, outcome: 'disqualified', reason: text(o.Status), at })
  }
  const owner = normalizeSalesforceId(text(o.OwnerId) ?? '')
  if (owner) out.push({ type: 'owner', subject, ownerId: owner, at })
  return out
}

const contactChanges = (o: SObject, at: number): CrmChange[] => {
  const me = ref(o.Id)
  if (!me) return []
  const subject: Subject = { ...me, email: text(o.Email) }
  return [
    {
      type: 'record',
      subject,
      patch: { firstName: text(o.FirstName), lastName: text(o.LastName), title: text(o.Title), phone: text(o.Phone) },
      at,
    },
  ]
}

const CHANNELS: Record<string, TouchChannel> = { call: 'call', email: 'email', meeting: 'meeting', listemail: 'email' }

const taskChanges = (o: SObject, at: number): CrmChange[] => {
  const who = ref(o.WhoId)
  const id = normalizeSalesforceId(text(o.Id) ?? '')
  // A completed task on a lead or contact is a touch; an open one is a plan.
  const done = bool(o.IsClosed) || text(o.Status)?.toLowerCase() === 'completed'
  if (!who || !id || !done) return []
  const kind = (text(o.TaskSubtype) ?? text(o.Type) ?? '').toLowerCase()
  return [
    {
      type: 'touch',
      subject: who,
      id: `salesforce:task:${id}`,
      channel: CHANNELS[kind] ?? 'other',
      ownerId: normalizeSalesforceId(text(o.OwnerId) ?? '') ?? undefined,
      note: text(o.Subject),
      at: time(o.CompletedDateTime) ?? time(o.LastModifiedDate) ?? time(o.CreatedDate) ?? at,
    },
  ]
}

const opportunityChanges = (o: SObject, at: number): CrmChange[] => {
  const id = normalizeSalesforceId(text(o.Id) ?? '')
  if (!id) return []
  const closed = bool(o.IsClosed)
  return [
    {
      type: 'deal',
      dealId: id,
      person: ref(o.ContactId),
      amount: num(o.Amount),
      stage: text(o.StageName),
      outcome: closed ? (bool(o.IsWon) ? 'won' : 'lost') : undefined,
      reason: text(o.Loss_Reason__c) ?? text(o.LossReason),
      at: time(o.LastModifiedDate) ?? at,
    },
  ]
}

const READERS: Record<string, (o: SObject, at: number) => CrmChange[]> = {
  lead: leadChanges,
  contact: contactChanges,
  task: taskChanges,
  opportunity: opportunityChanges,
}

/**
 * Reads a verified Outbound Message: its organization id (the route checks it against the source) and one
 * delivery per notification.
 * @example const { organizationId, deliveries } = readSalesforce(xml, { now })
 */
export const readSalesforce = (body: string, opts: { now: number }) => {
  let doc: Record<string, unknown>
  try {
    doc = parser.parse(body, true) as Record<string, unknown>
  } catch {
    throw malformed('The Salesforce body is not XML')
  }
  const envelope = doc.Envelope as Record<string, unknown> | undefined
  const notifications = (envelope?.Body as Record<string, unknown> | undefined)?.notifications as
    Record<string, unknown> | undefined
  if (!notifications) throw malformed('A Salesforce Outbound Message has a notifications element')
  const organizationId = normalizeSalesforceId(text(notifications.OrganizationId) ?? '')
  const deliveries: Delivery[] = []
  for (const n of (notifications.Notification as Array<Record<string, unknown>> | undefined) ?? []) {
    const id = text(n.Id)
    const o = n.sObject as SObject | undefined
    if (!id || !o || typeof o !== 'object') continue
    const type = (o['@type'] ?? '').split(':').pop()!.toLowerCase()
    deliveries.push({ id, changes: READERS[type]?.(o, opts.now) ?? [] })
  }
  return { organizationId, deliveries }
}
