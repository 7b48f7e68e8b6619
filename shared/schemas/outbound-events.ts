/**
 * Outbound lead events: what a subscribed webhook channel receives, so a CRM (through a HubSpot workflow, a
 * Salesforce Flow, Zapier or a few lines of code) can follow Handoff, for example by writing the assignee back
 * as the record's owner. Each is a Standard Webhooks message (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature` headers) whose body is `{ type, timestamp, data }`. See docs/integrations.md.
 * @module
 */
import { z } from 'zod'
import { CrmRef } from './lead'

/** The event types a channel can subscribe to. */
export const OutboundEventType = z.enum([
  /** Reached the hand-off threshold (status `sql`, or hot): routing starts now. */
  'lead.qualified',
  'lead.assigned',
  /** A new owner after an SLA breach or a CRM owner change. */
  'lead.reassigned',
  'lead.sla_warning',
  'lead.sla_breached',
  /** A call, email, meeting… logged by a rep or in the CRM (`data.touch.first` on the one that met the SLA). */
  'lead.touched',
  /** An outcome: accepted, disqualified, converted, won, lost, recycled. */
  'lead.disposition',
])
export type OutboundEventType = z.infer<typeof OutboundEventType>

const iso = z.iso.datetime().nullable()

/** The SLA clock at the time of the event (`none` = no clock: unassigned, or no policy matched). */
export const EventSla = z.object({
  state: z.enum(['none', 'running', 'met', 'breached', 'stopped']),
  dueAt: iso,
  metAt: iso,
  breachedAt: iso,
})
export type EventSla = z.infer<typeof EventSla>

/** The body of every outbound event. `data.lead.url` opens the lead in Handoff. */
export const OutboundEvent = z.object({
  type: OutboundEventType,
  timestamp: z.iso.datetime(),
  data: z.object({
    lead: z.object({
      id: z.string(),
      email: z.string(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      company: z.string().nullable(),
      title: z.string().nullable(),
      status: z.string(),
      score: z.number(),
      hot: z.boolean(),
      linkedinUrl: z.string().nullable(),
      crmRefs: z.array(CrmRef),
      url: z.string(),
    }),
    /** The owner after the event; `crmOwnerIds` maps a CRM to the rep's owner id there (`{ hubspot: '123' }`). */
    assignee: z
      .object({
        id: z.string(),
        name: z.string(),
        email: z.string(),
        crmOwnerIds: z.record(z.string(), z.string()),
      })
      .nullable(),
    sla: EventSla,
    /** Why: the routing rule's reason, the escalation step… */
    reason: z.string().nullable(),
    touch: z
      .object({
        id: z.string(),
        channel: z.string(),
        via: z.enum(['rep', 'crm']),
        system: z.string().nullable(),
        repId: z.string().nullable(),
        first: z.boolean(),
        at: z.iso.datetime(),
      })
      .optional(),
    disposition: z
      .object({
        id: z.string(),
        outcome: z.string(),
        reason: z.string().nullable(),
        amount: z.number().nullable(),
        system: z.string().nullable(),
        at: z.iso.datetime(),
      })
      .optional(),
  }),
})
export type OutboundEvent = z.infer<typeof OutboundEvent>
