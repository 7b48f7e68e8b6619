/**
 * Pipedrive webhooks v2 (pipedrive.readme.io/docs/guide-for-webhooks-v2): `{ meta, data, previous }`, one
 * change per request, `meta.id` naming the delivery. Persons are leads (`crmRefs` `pipedrive:<personId>`),
 * deals close the loop when their status becomes won or lost, done activities are touches. Pure.
 * @module
 */
import type { TouchChannel } from '../../../../shared/schemas/lead'
import { malformed } from '../../errors'
import type { CrmChange, Delivery, Subject } from '../changes'

type Meta = { id?: string; action?: string; entity?: string; entity_id?: string; timestamp?: string; version?: string }
type Contact = { value?: string; primary?: boolean }
type Data = Record<string, unknown> & {
  id?: number
  emails?: Contact[]
  phones?: Contact[]
  person_id?: number | null
  owner_id?: number | null
  participants?: Array<{ person_id?: number; primary?: boolean }>
}

const primary = (list: unknown) => {
  if (!Array.isArray(list)) return undefined
  const items = list as Contact[]
  return (items.find((c) => c?.primary && c.value) ?? items.find((c) => c?.value))?.value
}

const person = (id: unknown): Subject | undefined =>
  id === undefined || id === null ? undefined : { ref: { system: 'pipedrive', id: String(id) } }

const CHANNELS: Record<string, TouchChannel> = { call: 'call', email: 'email', meeting: 'meeting' }

const timeOf = (...values: unknown[]) => {
  for (const v of values) {
    if (typeof v !== 'string' || !v) continue
    // Pipedrive writes "2022-11-24 15:25:44" (UTC) in some fields and ISO in others.
    const ms = Date.parse(/^\d{4}-\d\d-\d\d \d\d:\d\d/.test(v) ? `${v.replace(' ', 'T')}Z` : v)
    if (Number.isFinite(ms)) return ms
  }
  return undefined
}

const changesOf = (meta: Meta, data: Data | null, previous: Data | null, now: number): CrmChange[] => {
  if (!data || meta.action === 'delete') return []
  const at = timeOf(meta.timestamp) ?? now
  if (meta.entity === 'person') {
    const subject: Subject = { ...person(data.id)!, email: primary(data.emails) }
    const out: CrmChange[] = [
      {
        type: 'record',
        subject,
        patch: {
          firstName: (data.first_name as string | null) ?? undefined,
          lastName: (data.last_name as string | null) ?? undefined,
          phone: primary(data.phones),
        },
        at,
      },
    ]
    if (meta.action === 'change' && previous && 'owner_id' in previous && data.owner_id)
      out.push({ type: 'owner', subject, ownerId: String(data.owner_id), at })
    return out
  }
  if (meta.entity === 'deal') {
    const status = String(data.status ?? '')
    const closed = status === 'won' || status === 'lost'
    // Only the change that closes it: `previous` holds the fields that changed.
    const closing = closed && (meta.action === 'create' || (previous !== null && 'status' in previous))
    const value = typeof data.value === 'number' ? data.value : undefined
    return [
      {
        type: 'deal',
        dealId: String(data.id),
        person: person(data.person_id),
        amount: value,
        stage: status || undefined,
        outcome: closing ? (status as 'won' | 'lost') : undefined,
        reason: typeof data.lost_reason === 'string' && data.lost_reason ? data.lost_reason : undefined,
        at: (closing ? timeOf(data.won_time, data.lost_time, data.close_time) : undefined) ?? at,
      },
    ]
  }
  if (meta.entity === 'activity') {
    // A done activity is a touch: created as done (a call logged after it happened), or marked done later.
    const becameDone = data.done === true && (meta.action === 'create' || (previous !== null && 'done' in previous))
    const who =
      person(data.person_id) ??
      person((data.participants ?? []).find((p) => p.primary)?.person_id ?? data.participants?.[0]?.person_id)
    if (!becameDone || !who) return []
    return [
      {
        type: 'touch',
        subject: who,
        id: `pipedrive:activity:${data.id}`,
        channel: CHANNELS[String(data.type)] ?? 'other',
        ownerId: data.owner_id ? String(data.owner_id) : undefined,
        note: typeof data.subject === 'string' ? data.subject : undefined,
        at: timeOf(data.marked_as_done_time, data.update_time, meta.timestamp) ?? at,
      },
    ]
  }
  return []
}

/**
 * Reads a verified Pipedrive v2 body into its one delivery (`meta.id`).
 * @example readPipedrive('{"meta":{"id":"5359…","entity":"person","action":"create"},"data":{…},"previous":null}', { now })
 */
export const readPipedrive = (body: string, opts: { now: number }): Delivery[] => {
  let parsed: { meta?: Meta; data?: Data | null; previous?: Data | null }
  try {
    parsed = JSON.parse(body)
  } catch {
    throw malformed('The Pipedrive body is not JSON')
  }
  const meta = parsed?.meta
  if (!meta || typeof meta !== 'object' || !meta.id) throw malformed('A Pipedrive webhook v2 body has meta.id')
  return [{ id: String(meta.id), changes: changesOf(meta, parsed.data ?? null, parsed.previous ?? null, opts.now) }]
}
