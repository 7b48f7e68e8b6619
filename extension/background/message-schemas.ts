/**
 * Zod schemas of every payload a content script or extension page may send; the background parses
 * each one before acting (content scripts run beside hostile pages).
 * @module
 */
import { z } from 'zod'
import { Outcome, TouchChannel } from '../../shared/schemas/lead'

const LeadId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/)

export const LeadIdentityMessage = z
  .object({
    site: z.enum(['linkedin', 'salesforce', 'hubspot', 'pipedrive']),
    lookup: z.union([
      z.object({ linkedin: z.string().min(1).max(300) }).strict(),
      z.object({ crm: z.string().min(3).max(150) }).strict(),
      z.object({ email: z.string().max(320).pipe(z.email()) }).strict(),
      z.object({ crm: z.string().min(3).max(150), email: z.string().max(320).pipe(z.email()) }).strict(),
    ]),
  })
  .strict()

/** Names a click that can be undone for a few seconds (see `pending-actions.ts`). */
const ActionId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/)

const Note = z.string().trim().min(1).max(5000)

export const TouchMessageSchema = z
  .object({ leadId: LeadId, channel: TouchChannel, note: Note.optional(), actionId: ActionId.optional() })
  .strict()

export const DispositionMessageSchema = z
  .object({
    leadId: LeadId,
    outcome: Outcome,
    reason: z.string().trim().min(1).max(200).optional(),
    note: Note.optional(),
    amount: z.number().min(0).max(1e12).optional(),
    actionId: ActionId.optional(),
  })
  .strict()
  .refine((d) => !(d.outcome === 'disqualified' || d.outcome === 'lost') || !!d.reason, {
    message: 'A reason is required',
    path: ['reason'],
  })

export const LeadIdMessage = z.object({ leadId: LeadId }).strict()

export const UndoMessageSchema = z.object({ actionId: ActionId }).strict()

export const NoPayload = z.undefined().or(z.null())

/** The queue tabs the popup reads on demand. */
export const QueueTabMessage = z.object({ view: z.enum(['follow_up', 'closed_today']) }).strict()
