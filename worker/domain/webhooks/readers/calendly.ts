/**
 * Calendly webhooks (developer.calendly.com, "Webhook payload"): `invitee.created` and `invitee.canceled`.
 * A booking is a hot signal (`meeting_booked`) on the invitee's lead, and a first touch when the host is the
 * lead's assignee. A delivery is named by the event and the invitee's `uri`. Pure.
 * @module
 */
import { malformed } from '../../errors'
import type { CrmChange, Delivery } from '../changes'

type Invitee = {
  email?: string
  name?: string
  first_name?: string | null
  last_name?: string | null
  uri?: string
  created_at?: string
  rescheduled?: boolean
  tracking?: Record<string, string | null>
  scheduled_event?: {
    name?: string
    start_time?: string
    event_memberships?: Array<{ user_email?: string }>
  }
}

/**
 * Reads a verified Calendly body into its one delivery.
 * @example readCalendly('{"event":"invitee.created","payload":{"email":"a@b.co","uri":"https://api.calendly.com/…"}}', { now })
 */
export const readCalendly = (body: string, opts: { now: number }): Delivery[] => {
  let parsed: { event?: string; created_at?: string; payload?: Invitee }
  try {
    parsed = JSON.parse(body)
  } catch {
    throw malformed('The Calendly body is not JSON')
  }
  const p = parsed?.payload
  if (!parsed?.event || !p || typeof p !== 'object' || !p.uri)
    throw malformed('A Calendly webhook has event and payload.uri')
  const id = `${parsed.event}:${p.uri}`
  if (!p.email || (parsed.event !== 'invitee.created' && parsed.event !== 'invitee.canceled'))
    return [{ id, changes: [] }]
  const at = Date.parse(parsed.created_at ?? p.created_at ?? '') || opts.now
  const subject = { email: p.email }
  const meeting = {
    meeting: p.scheduled_event?.name ?? null,
    startTime: p.scheduled_event?.start_time ?? null,
    via: 'calendly',
  }
  if (parsed.event === 'invitee.canceled') {
    return [
      {
        id,
        changes: [{ type: 'event', subject, id: `calendly:${id}`, event: 'meeting_canceled', at, properties: meeting }],
      },
    ]
  }
  const [first, ...rest] = (p.name ?? '').trim().split(/\s+/)
  const changes: CrmChange[] = [
    {
      type: 'record',
      subject,
      patch: {
        firstName: p.first_name ?? (first || undefined),
        lastName: p.last_name ?? (rest.join(' ') || undefined),
        source: p.tracking?.utm_source ?? undefined,
        campaign: p.tracking?.utm_campaign ?? undefined,
      },
      at,
    },
    { type: 'event', subject, id: `calendly:${id}`, event: 'meeting_booked', at, properties: meeting },
  ]
  const host = p.scheduled_event?.event_memberships?.[0]?.user_email
  if (host) {
    changes.push({
      type: 'touch',
      subject,
      id: `calendly:touch:${p.uri}`,
      channel: 'meeting',
      ownerEmail: host,
      onlyWithAssignee: true,
      note: meeting.meeting ? `Booked: ${meeting.meeting}` : 'Booked a meeting',
      at,
    })
  }
  return [{ id, changes }]
}
