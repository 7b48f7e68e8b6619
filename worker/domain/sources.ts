/**
 * Intake sources: creating one per system with its own secret (given where the other system issues it,
 * generated otherwise and shown once), rotating it, and the public shape that never carries it.
 * @module
 */
import type { CreatedSource, Source, SourceInput, SourceRotate, SourceSettings } from '../../shared/schemas/sources'
import { normalizeSalesforceId } from '../../shared/urls/crm'
import type { Db } from '../app-env'
import { getSource, insertSource, type SourceInsert, type SourceRow, updateSource } from '../db/queries/sources'
import { sha256Hex } from '../lib/crypto'
import { invalidInput, notFound } from './errors'

const hex = (bytes: number) =>
  [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('')

/** A public, unguessable key: 128 random bits in hex. */
const sourceKey = () => `src_${hex(16)}`

/** 256 random bits: a generated secret, password or Salesforce path segment. */
const generatedSecret = () => hex(32)

const pathOf = (row: SourceRow, secretSegment?: string) =>
  row.kind === 'form'
    ? `/v1/intake/form/${row.key}`
    : `/v1/webhooks/${row.key}${row.kind === 'salesforce' ? `/${secretSegment ?? '{secret}'}` : ''}`

/**
 * The source as `GET` shows it. A Salesforce path's secret segment is only known on create and rotate, so
 * here it reads `{secret}`.
 * @example toSource(row).webhookPath // '/v1/webhooks/src_3f…'
 */
export const toSource = (row: SourceRow, secretSegment?: string): Source => {
  const settings = row.settings as SourceSettings
  return {
    id: row.key,
    key: row.key,
    kind: row.kind,
    name: row.name,
    source: row.source,
    campaign: row.campaign,
    redirectUrl: row.redirectUrl,
    active: row.active,
    webhookPath: pathOf(row, secretSegment),
    ...(row.kind === 'form' ? { formPath: pathOf(row) } : {}),
    ...(settings.organizationId ? { organizationId: settings.organizationId } : {}),
    ...(row.kind !== 'form' ? { ownerPolicy: settings.ownerPolicy ?? 'keep' } : {}),
    ...(row.kind === 'typeform' ? { fieldMap: settings.fieldMap ?? {} } : {}),
  }
}

type Credentials = {
  row: Omit<SourceInsert, 'key' | 'name' | 'source'>
  shown: Partial<CreatedSource>
  segment?: string
}

/** The stored credential columns of a kind, and the generated values to show once. */
const credentials = async (
  kind: SourceRow['kind'],
  given: { secret?: string; username?: string; password?: string },
  settings: SourceSettings,
): Promise<Credentials> => {
  switch (kind) {
    case 'hubspot':
    case 'calendly':
      return { row: { secret: given.secret! }, shown: {} }
    case 'typeform': {
      const secret = given.secret ?? generatedSecret()
      return { row: { secret }, shown: given.secret ? {} : { secret } }
    }
    case 'pipedrive': {
      const username = given.username ?? `handoff-${hex(4)}`
      const password = given.password ?? generatedSecret()
      return {
        row: { secretHash: await sha256Hex(password), settings: { ...settings, username } },
        shown: {
          ...(given.username ? {} : { username }),
          ...(given.password ? {} : { password }),
        },
      }
    }
    case 'salesforce': {
      const segment = generatedSecret()
      return { row: { secretHash: await sha256Hex(segment) }, shown: {}, segment }
    }
    default:
      return { row: {}, shown: {} }
  }
}

/**
 * Creates a source. Answers the public shape plus, once, what was generated (Typeform secret, Pipedrive
 * credentials; for Salesforce the full path with its secret segment).
 * @example const created = await createSource(db, { kind: 'pipedrive', name: 'Pipedrive' }, Date.now())
 */
export const createSource = async (db: Db, input: SourceInput, now: number): Promise<CreatedSource> => {
  const key = sourceKey()
  if (input.kind === 'form') {
    const row = await insertSource(db, {
      key,
      kind: 'form',
      name: input.name,
      source: input.source,
      campaign: input.campaign ?? null,
      redirectUrl: input.redirectUrl ?? null,
      active: input.active,
      createdAt: now,
    })
    return toSource(row)
  }
  const settings: SourceSettings = { ownerPolicy: input.ownerPolicy }
  if (input.kind === 'salesforce') settings.organizationId = normalizeSalesforceId(input.organizationId) ?? undefined
  if (input.kind === 'typeform') settings.fieldMap = input.fieldMap
  const creds = await credentials(
    input.kind,
    input as { secret?: string; username?: string; password?: string },
    settings,
  )
  const row = await insertSource(db, {
    key,
    kind: input.kind,
    name: input.name,
    source: input.kind,
    campaign: input.campaign ?? null,
    redirectUrl: null,
    active: input.active,
    settings,
    createdAt: now,
    ...creds.row,
  })
  return { ...toSource(row, creds.segment), ...creds.shown }
}

/**
 * Replaces a webhook source's secret: a given one (HubSpot, Calendly, Typeform, Pipedrive), or a generated
 * one shown once. The old secret stops working at once.
 * @example const { secret } = await rotateSource(db, 'src_…', {})
 */
export const rotateSource = async (db: Db, key: string, input: SourceRotate): Promise<CreatedSource> => {
  const row = await getSource(db, key)
  if (!row) throw notFound('source')
  if (row.kind === 'form') throw invalidInput([{ path: 'kind', message: 'Form sources have no secret' }])
  if ((row.kind === 'hubspot' || row.kind === 'calendly') && !input.secret)
    throw invalidInput([{ path: 'secret', message: `Paste the new secret that ${row.kind} shows` }])
  const creds = await credentials(row.kind, input, row.settings as SourceSettings)
  const updated = (await updateSource(db, key, { secret: null, secretHash: null, ...creds.row }))!
  return { ...toSource(updated, creds.segment), ...creds.shown }
}
