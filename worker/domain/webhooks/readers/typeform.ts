/**
 * Typeform webhooks (typeform.com/developers/webhooks/example-payload/): one `form_response` per request,
 * named by `event_id`. Answers map onto lead fields by their field's `ref` (the source's `fieldMap`, else the
 * same names a website form uses), and the submission is a `form_submit` event carrying the form. Pure.
 * @module
 */
import type { FlatMap } from '../../../../shared/schemas/lead'
import { malformed } from '../../errors'
import { toLeadInput } from '../../intake/form'
import type { CrmChange, Delivery, LeadPatch } from '../changes'

type Answer = {
  type?: string
  field?: { id?: string; ref?: string; type?: string }
  [value: string]: unknown
}
type FormResponse = {
  form_id?: string
  token?: string
  submitted_at?: string
  hidden?: Record<string, unknown>
  definition?: { id?: string; title?: string; fields?: Array<{ id?: string; ref?: string }> }
  answers?: Answer[]
}

/** An answer's value as text (choices joined), or undefined for kinds with no text value. */
const answerText = (a: Answer): string | undefined => {
  switch (a.type) {
    case 'choice':
      return (a.choice as { label?: string } | undefined)?.label
    case 'choices':
      return ((a.choices as { labels?: string[] } | undefined)?.labels ?? []).join(', ') || undefined
    case 'boolean':
      return a.boolean === undefined ? undefined : String(a.boolean)
    case 'number':
      return a.number === undefined ? undefined : String(a.number)
    default: {
      const v = a[a.type ?? '']
      return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined
    }
  }
}

/**
 * Reads a verified Typeform body. `fieldMap` maps a field `ref` to a lead field (`email`, `firstName`,
 * `company.name`…); unmapped answers keep their ref in `fields`.
 * @example readTypeform(body, { fieldMap: { work_email: 'email' }, now })
 */
export const readTypeform = (body: string, opts: { fieldMap: Record<string, string>; now: number }): Delivery[] => {
  let parsed: { event_id?: string; event_type?: string; form_response?: FormResponse }
  try {
    parsed = JSON.parse(body)
  } catch {
    throw malformed('The Typeform body is not JSON')
  }
  if (!parsed || typeof parsed !== 'object' || !parsed.event_id) throw malformed('A Typeform webhook has an event_id')
  const r = parsed.form_response
  if (parsed.event_type !== 'form_response' || !r) return [{ id: parsed.event_id, changes: [] }]

  // Answers name their field by id; the definition gives each field's ref.
  const refById = new Map((r.definition?.fields ?? []).map((f) => [f.id, f.ref]))
  const values: Record<string, string> = Object.create(null)
  let email: string | undefined
  let phone: string | undefined
  for (const a of r.answers ?? []) {
    const ref = a.field?.ref ?? refById.get(a.field?.id) ?? a.field?.id
    const value = answerText(a)
    if (!ref || value === undefined) continue
    const mapped = opts.fieldMap[ref]
    if (mapped === 'email' || (!mapped && a.type === 'email')) email ??= value
    else if (mapped === 'phone' || (!mapped && a.type === 'phone_number')) phone ??= value
    else values[mapped ?? ref] = value
  }
  // Hidden fields carry what the page knew (utm_source, utm_campaign…).
  for (const [k, v] of Object.entries(r.hidden ?? {})) if (typeof v === 'string' && v) values[k] ??= v
  if (!email) return [{ id: parsed.event_id, changes: [] }]

  const input = toLeadInput(values) as LeadPatch & { fields?: FlatMap }
  const at = Date.parse(r.submitted_at ?? '') || opts.now
  const form = (typeof r.hidden?.form === 'string' && r.hidden.form) || r.definition?.title || r.form_id || 'typeform'
  const changes: CrmChange[] = [
    { type: 'record', subject: { email }, patch: { ...input, ...(phone ? { phone } : {}) }, at },
    {
      type: 'event',
      subject: { email },
      id: `typeform:${parsed.event_id}`,
      event: 'form_submit',
      at,
      properties: { form: String(form).slice(0, 200), formId: r.form_id ?? null, via: 'typeform' },
    },
  ]
  return [{ id: parsed.event_id, changes }]
}
