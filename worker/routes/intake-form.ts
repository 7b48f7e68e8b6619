/**
 * `POST /v1/intake/form/:sourceKey`: plain HTML form posts (`application/x-www-form-urlencoded` or
 * `multipart/form-data`) from website forms. No auth header: the key names an active intake source and is not
 * a credential (it only lets someone submit a lead). Answers 303 to the source's `redirectUrl`, else 201
 * `{ ok: true }` (never the lead's data: anyone can post). `_hp` is a honeypot: filled in → 202, nothing stored.
 * @module
 */
import { Hono } from 'hono'
import { LeadInput } from '../../shared/schemas/lead'
import type { AppEnv } from '../app-env'
import { getSource } from '../db/queries/sources'
import { domainCtx } from '../lib/domain-ctx'
import { toLeadInput } from '../domain/intake/form'
import { IntakeIssues } from '../domain/intake/ingest-leads'
import { submitForm } from '../domain/intake/form-submit'
import { ApiError, validationError } from '../errors'
import { formRateLimit } from '../middleware/rate-limit'

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)$/i

export const formRoutes = new Hono<AppEnv>().post('/:sourceKey', formRateLimit, async (c) => {
  const key = c.req.param('sourceKey')
  const source = await getSource(c.var.db, key)
  if (!source || source.kind !== 'form' || !source.active)
    throw new ApiError(404, 'not_found', 'No active form source with this key')
  const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim()
  if (!FORM_TYPES.test(mediaType))
    throw new ApiError(
      415,
      'unsupported_media_type',
      'Send the form as application/x-www-form-urlencoded or multipart/form-data',
    )
  let body: Record<string, unknown>
  try {
    body = await c.req.parseBody()
  } catch {
    throw new ApiError(400, 'bad_request', 'The form body could not be read')
  }
  // Null prototype: posted names are attacker-chosen (`__proto__` must stay a plain key).
  const values: Record<string, string> = Object.create(null)
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') values[k] = v
    else if (Array.isArray(v)) values[k] = v.filter((x): x is string => typeof x === 'string').join(', ')
  }
  // Bots fill every field; people never see this one.
  if ((values._hp ?? '').trim() !== '') return c.json({ ok: true }, 202)
  for (const k of Object.keys(values)) if (k.startsWith('_')) delete values[k]

  // `form` names the form (`demo_request`): it is the submission's, not the lead's, so it is not stored as a field.
  const formName = values.form?.trim() || values.form_name?.trim() || undefined
  delete values.form
  delete values.form_name
  const parsed = LeadInput.safeParse(toLeadInput(values))
  if (!parsed.success) throw validationError(parsed.error)
  const input = { ...parsed.data, campaign: parsed.data.campaign ?? source.campaign ?? undefined }
  const ctx = { ...domainCtx(c), actor: `form:${source.name}` }
  try {
    await submitForm(ctx, input, { source: source.source, formName: formName ?? source.name, sourceKey: key })
  } catch (err) {
    if (err instanceof IntakeIssues)
      throw new ApiError(422, 'validation_failed', 'The form did not pass validation', err.issues)
    throw err
  }
  if (source.redirectUrl && /^https?:\/\//i.test(source.redirectUrl)) return c.redirect(source.redirectUrl, 303)
  return c.json({ ok: true }, 201)
})
