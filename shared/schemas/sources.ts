/**
 * Intake sources (`/v1/admin/sources`): the public website form, and one signed webhook source per system
 * (HubSpot, Pipedrive, Salesforce, Typeform, Calendly). The wire shape is fixed by the contract, v1.1.
 * @module
 */
import { z } from 'zod'
import { IntakeSourceInput } from './intake'

export const SourceKind = z.enum(['form', 'hubspot', 'pipedrive', 'salesforce', 'typeform', 'calendly'])
export type SourceKind = z.infer<typeof SourceKind>

/** Webhook kinds: every request is verified before anything is read. */
export const WEBHOOK_KINDS = ['hubspot', 'pipedrive', 'salesforce', 'typeform', 'calendly'] as const
export type WebhookKind = (typeof WEBHOOK_KINDS)[number]

/**
 * What to do when the CRM changes a lead's owner: `follow` reassigns to the rep known by that CRM owner id,
 * `keep` keeps Handoff's assignment and records the CRM's choice in the journey.
 */
export const OwnerPolicy = z.enum(['follow', 'keep'])
export type OwnerPolicy = z.infer<typeof OwnerPolicy>

const name = z.string().trim().min(1).max(200)
/** An HMAC key given by the admin, as the other system shows it. */
const givenSecret = z.string().trim().min(8).max(500)
const common = {
  name,
  active: z.boolean().default(true),
  campaign: z.string().trim().min(1).max(200).nullish(),
  ownerPolicy: OwnerPolicy.default('keep'),
}

/** Typeform answers map by the field's `ref` onto lead fields (`email`, `firstName`, `company.name`…). */
const FieldMap = z.record(z.string().trim().min(1).max(200), z.string().trim().min(1).max(200))

export const WebhookSourceInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hubspot'), secret: givenSecret, ...common }),
  z.object({ kind: z.literal('calendly'), secret: givenSecret, ...common }),
  z.object({ kind: z.literal('typeform'), secret: givenSecret.optional(), fieldMap: FieldMap.default({}), ...common }),
  z.object({
    kind: z.literal('pipedrive'),
    username: z.string().trim().min(1).max(200).optional(),
    password: z.string().min(8).max(500).optional(),
    ...common,
  }),
  z.object({
    kind: z.literal('salesforce'),
    organizationId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/, 'A Salesforce organization id has 15 or 18 characters'),
    ...common,
  }),
])
export type WebhookSourceInput = z.infer<typeof WebhookSourceInput>

/**
 * `POST /v1/admin/sources`: `kind` defaults to `form` (the website form source, unchanged).
 * @example SourceInput.parse({ kind: 'hubspot', name: 'HubSpot portal', secret: 'client-secret' })
 */
export const SourceInput = z.preprocess(
  (v) => (v && typeof v === 'object' && !Array.isArray(v) && !('kind' in v) ? { ...v, kind: 'form' } : v),
  z.discriminatedUnion('kind', [IntakeSourceInput.extend({ kind: z.literal('form') }), ...WebhookSourceInput.options]),
)
export type SourceInput = z.infer<typeof SourceInput>

/** `POST /v1/admin/sources/:id/rotate`: a new given secret, or nothing to have one generated where allowed. */
export const SourceRotate = z
  .object({
    secret: givenSecret.optional(),
    username: z.string().trim().min(1).max(200).optional(),
    password: z.string().min(8).max(500).optional(),
  })
  .default({})
export type SourceRotate = z.infer<typeof SourceRotate>

/** Settings kept per source (never a secret). */
export const SourceSettings = z.object({
  organizationId: z.string().optional(),
  username: z.string().optional(),
  fieldMap: FieldMap.optional(),
  ownerPolicy: OwnerPolicy.optional(),
})
export type SourceSettings = z.infer<typeof SourceSettings>

/** A source as `GET` shows it: never its secret. */
export const Source = z.object({
  id: z.string(),
  key: z.string(),
  kind: SourceKind,
  name: z.string(),
  source: z.string(),
  campaign: z.string().nullable(),
  redirectUrl: z.string().nullable(),
  active: z.boolean(),
  /** Where the other system posts (for Salesforce, the secret segment is shown only on create and rotate). */
  webhookPath: z.string(),
  /** `form` sources: the URL for the form's `action` (same as `webhookPath`). */
  formPath: z.string().optional(),
  organizationId: z.string().optional(),
  ownerPolicy: OwnerPolicy.optional(),
  fieldMap: FieldMap.optional(),
})
export type Source = z.infer<typeof Source>

/** The `201` (and rotate) answer: generated values appear here once. */
export const CreatedSource = Source.extend({
  secret: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
})
export type CreatedSource = z.infer<typeof CreatedSource>
