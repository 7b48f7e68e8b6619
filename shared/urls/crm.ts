/**
 * CRM references: Salesforce 15/18-character ids, `system:id` strings and record-page URLs of
 * Salesforce, HubSpot and Pipedrive. Shared by the worker's lookup and the extension's page detection.
 * @module
 */
import type { CrmSystem } from '../schemas/lead'

const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'

/** Salesforce's checksum of a 15-character id: one char per 5-char chunk, bit i = char i is upper case. */
const salesforceSuffix = (id15: string): string => {
  let out = ''
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i)
      if (c >= 65 && c <= 90) flags |= 1 << i
    }
    out += SUFFIX_CHARS[flags]
  }
  return out
}

/**
 * The canonical 18-character form of a Salesforce record id, or null when `id` is not one.
 *
 * A 15-character id is case-sensitive and gets its checksum suffix. An 18-character id is
 * case-insensitive by design: its suffix says which of the first 15 characters are upper case, so the
 * case is restored from the suffix (an id lower-cased by a spreadsheet still names the same record),
 * and a suffix that marks a digit as upper case is rejected as corrupt.
 * @example normalizeSalesforceId('0015000000VALDt') // '0015000000VALDtAAP'
 * @example normalizeSalesforceId('0015000000valdtaap') // '0015000000VALDtAAP'
 */
export const normalizeSalesforceId = (id: string): string | null => {
  if (typeof id !== 'string') return null
  const s = id.trim()
  if (/^[A-Za-z0-9]{15}$/.test(s)) return s + salesforceSuffix(s)
  if (!/^[A-Za-z0-9]{18}$/.test(s)) return null
  const suffix = s.slice(15).toUpperCase()
  let restored = ''
  for (let chunk = 0; chunk < 3; chunk++) {
    const flags = SUFFIX_CHARS.indexOf(suffix[chunk]!)
    if (flags < 0) return null
    for (let i = 0; i < 5; i++) {
      const c = s[chunk * 5 + i]!
      const upper = (flags & (1 << i)) !== 0
      const isLetter = /[A-Za-z]/.test(c)
      if (upper && !isLetter) return null
      restored += isLetter ? (upper ? c.toUpperCase() : c.toLowerCase()) : c
    }
  }
  return restored + suffix
}

/** Digits-only CRM ids (HubSpot, Pipedrive), without leading zeros; null when not a positive integer. */
const normalizeNumericId = (id: string): string | null => {
  const m = /^0*([1-9]\d{0,19})$/.exec(id.trim())
  return m ? m[1]! : null
}

/** A CRM record reference with its id in canonical form. */
export type ParsedCrmRef = { system: CrmSystem; id: string }

/**
 * Canonical id for a system: 18-character Salesforce ids, digits for HubSpot and Pipedrive.
 * @example normalizeCrmId('hubspot', '0042') // '42'
 */
export const normalizeCrmId = (system: CrmSystem, id: string): string | null =>
  system === 'salesforce' ? normalizeSalesforceId(id) : normalizeNumericId(id)

const SYSTEMS: readonly CrmSystem[] = ['salesforce', 'hubspot', 'pipedrive']

/**
 * Parses `system:id` (`salesforce:00Q…` with a 15- or 18-character id, `hubspot:123`,
 * `pipedrive:42`) into a canonical reference; a record URL {@link crmRecordFromUrl} understands is
 * accepted too. Null for anything else.
 * @example parseCrmRef('salesforce:0015000000VALDt') // { system: 'salesforce', id: '0015000000VALDtAAP' }
 */
export const parseCrmRef = (input: string): ParsedCrmRef | null => {
  if (typeof input !== 'string') return null
  const text = input.trim()
  const colon = text.indexOf(':')
  if (colon < 0) return null
  const system = text.slice(0, colon).trim().toLowerCase() as CrmSystem
  if (SYSTEMS.includes(system)) {
    const id = normalizeCrmId(system, text.slice(colon + 1))
    return id === null ? null : { system, id }
  }
  const record = crmRecordFromUrl(text)
  return record ? { system: record.system, id: record.id } : null
}

/** Formats a reference as `system:id`, the form of the `crm=` lookup parameter. */
export const formatCrmRef = (ref: ParsedCrmRef): string => `${ref.system}:${ref.id}`

/** The kinds of person record the extension works beside. */
export type CrmRecordKind = 'lead' | 'contact' | 'person'

export type CrmRecord = { system: CrmSystem; id: string; kind: CrmRecordKind }

const strip = (host: string) => (host.endsWith('.') ? host.slice(0, -1) : host)
const LABELS = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+$/

/** `<org>.lightning.force.com`, `<org>.my.salesforce.com`, sandboxes, `na1.salesforce.com`… */
const isSalesforceHost = (h: string) =>
  (h.endsWith('.force.com') && LABELS.test(h.slice(0, -'force.com'.length))) ||
  (h.endsWith('.salesforce.com') && LABELS.test(h.slice(0, -'salesforce.com'.length)))

/** `app.hubspot.com` and its data-centre variants `app-eu1.hubspot.com`, `app-na2.hubspot.com`… */
const isHubSpotHost = (h: string) => /^app(?:-[a-z]{2}\d{1,2})?\.hubspot\.com$/.test(h)

/** `<company>.pipedrive.com` (one label). */
const isPipedriveHost = (h: string) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.pipedrive\.com$/.test(h)

/** Salesforce key prefixes of the person objects: 00Q = Lead, 003 = Contact. */
const salesforceKind = (id18: string): CrmRecordKind | null =>
  id18.startsWith('00Q') ? 'lead' : id18.startsWith('003') ? 'contact' : null

const salesforceRecord = (url: URL): CrmRecord | null => {
  const seg = url.pathname.split('/').filter(Boolean)
  let object: string | undefined
  let raw: string | undefined
  if (seg[0] === 'lightning' && seg[1] === 'r') {
    // /lightning/r/Lead/<id>/view, /lightning/r/<id>/view
    if (seg[2] && normalizeSalesforceId(seg[2])) raw = seg[2]
    else [object, raw] = [seg[2], seg[3]]
  } else if (seg[0] === 'one' && seg[1] === 'one.app') {
    // Early Lightning: /one/one.app#/sObject/<id>/view
    const h = url.hash.split('/').filter(Boolean)
    if (h[0] === '#' && h[1] === 'sObject') raw = h[2]
  } else if (seg.length === 1 || (seg.length === 2 && seg[1] === 'e')) {
    // Classic: /<id> or /<id>/e
    raw = seg[0]
  }
  const id = raw === undefined ? null : normalizeSalesforceId(raw)
  if (id === null) return null
  const byPrefix = salesforceKind(id)
  if (object === undefined) return byPrefix ? { system: 'salesforce', id, kind: byPrefix } : null
  const kind = object.toLowerCase() === 'lead' ? 'lead' : object.toLowerCase() === 'contact' ? 'contact' : null
  return kind ? { system: 'salesforce', id, kind } : null
}

const hubspotRecord = (url: URL): CrmRecord | null => {
  const seg = url.pathname.split('/').filter(Boolean)
  if (seg[0] !== 'contacts' || !/^\d+$/.test(seg[1] ?? '')) return null
  // /contacts/<portal>/contact/<id>[/…] or /contacts/<portal>/record/0-1/<id>[/…] (0-1 = contacts)
  const raw = seg[2] === 'contact' ? seg[3] : seg[2] === 'record' && seg[3] === '0-1' ? seg[4] : undefined
  const id = raw === undefined ? null : normalizeNumericId(raw)
  return id === null ? null : { system: 'hubspot', id, kind: 'contact' }
}

const pipedriveRecord = (url: URL): CrmRecord | null => {
  const seg = url.pathname.split('/').filter(Boolean)
  if (seg[0] !== 'person' || seg[1] === undefined) return null
  const id = normalizeNumericId(seg[1])
  return id === null ? null : { system: 'pipedrive', id, kind: 'person' }
}

/**
 * The person record a CRM page URL shows, or null for any other page or host. Hosts are matched on
 * their exact registrable suffix, so `force.com.evil.example` is not Salesforce.
 * @example crmRecordFromUrl('https://acme.lightning.force.com/lightning/r/Lead/00Q5e00000AbCdE/view')
 * // { system: 'salesforce', id: '00Q5e00000AbCdEEAV', kind: 'lead' }
 */
export const crmRecordFromUrl = (input: string): CrmRecord | null => {
  if (typeof input !== 'string' || input.length > 4000) return null
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    return null
  }
  if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '') return null
  const host = strip(url.hostname)
  if (isSalesforceHost(host)) return salesforceRecord(url)
  if (isHubSpotHost(host)) return hubspotRecord(url)
  if (isPipedriveHost(host)) return pipedriveRecord(url)
  return null
}
