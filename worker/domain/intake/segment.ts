/**
 * Segment Spec → leads and events. `identify` traits and `group` traits become lead fields (one bulk upsert),
 * `track` and `page` become events (one event batch, `messageId` as the event id). A message without an
 * email is matched to the lead an earlier identify recorded its `userId` (or `anonymousId`) on.
 * @see https://segment.com/docs/connections/spec/
 * @module
 */
import type { z } from 'zod'
import { type ErrorIssue, toIssues } from '../../../shared/schemas/errors'
import { SegmentMessage } from '../../../shared/schemas/intake'
import { EventInput, type FlatMap, LeadInput } from '../../../shared/schemas/lead'
import { type LeadRow, leadsBySegmentUserQueries, runChunked } from '../../db/queries/leads'
import type { DomainCtx } from '../context'
import { assertMaySendSalesActivity, ingestEvents } from './ingest-events'
import { ingestLeads } from './ingest-leads'

type Msg = z.infer<typeof SegmentMessage>
type Result = { accepted: number; duplicates: number; rejected: Array<{ index: number; issues: ErrorIssue[] }> }

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : Number.NaN
  return Number.isFinite(n) ? Math.round(n) : undefined
}
const idOf = (v: unknown) => (v === null || v === undefined || v === '' ? undefined : String(v))

/**
 * `Demo Requested` → `demo_requested`: Segment event names as our event types.
 * @example eventType('Order Completed') // 'order_completed'
 */
export const eventType = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 100)

/** `https://www.initech.com/about` → `initech.com`. */
const domainOf = (website: unknown) => {
  const s = str(website)
  if (!s) return undefined
  try {
    const host = new URL(/^https?:\/\//i.test(s) ? s : `https://${s}`).hostname.toLowerCase().replace(/^www\./, '')
    return /^[a-z0-9.-]+\.[a-z]{2,}$/.test(host) ? host : undefined
  } catch {
    return undefined
  }
}

/** Scalars as they are; other values as JSON text (flat maps only hold scalars). */
const flat = (obj: Record<string, unknown>, skip: ReadonlySet<string>, prefix = ''): FlatMap => {
  const out: FlatMap = {}
  for (const [k, v] of Object.entries(obj)) {
    if (skip.has(k) || v === null || v === undefined) continue
    const key = `${prefix}${k}`.slice(0, 200)
    if (typeof v === 'string') out[key] = v.slice(0, 10_000)
    else if (typeof v === 'number' || typeof v === 'boolean') out[key] = v
    else out[key] = JSON.stringify(v).slice(0, 10_000)
  }
  return out
}

const IDENTIFY_KNOWN = new Set([
  'email',
  'firstName',
  'first_name',
  'lastName',
  'last_name',
  'name',
  'title',
  'phone',
  'company',
  'website',
  'address',
  'industry',
  'employees',
  'employee_count',
])

/**
 * Identify traits (Segment's reserved traits) → our lead input; unknown traits go to `fields`.
 * @example identifyToLead({ email: 'peter@example.com', name: 'Peter Gibbons' }) // { email, firstName: 'Peter', lastName: 'Gibbons', … }
 */
export const identifyToLead = (traits: Record<string, unknown>, ids: { userId?: string; anonymousId?: string }) => {
  let firstName = str(traits.firstName) ?? str(traits.first_name)
  let lastName = str(traits.lastName) ?? str(traits.last_name)
  const name = str(traits.name)
  if (name && !firstName && !lastName) {
    const parts = name.split(/\s+/)
    firstName = parts[0]
    lastName = parts.length > 1 ? parts.slice(1).join(' ') : undefined
  }
  const company = traits.company
  const companyObj = company && typeof company === 'object' ? (company as Record<string, unknown>) : {}
  const address =
    traits.address && typeof traits.address === 'object' ? (traits.address as Record<string, unknown>) : {}
  const country = str(address.country)
  const fields: FlatMap = flat(traits, IDENTIFY_KNOWN)
  // ISO alpha-2 only: "USA" or "United States" is kept as text rather than refused.
  const alpha2 = country && /^[A-Za-z]{2}$/.test(country) ? country : undefined
  if (country && !alpha2) fields.country = country
  for (const k of ['city', 'state', 'postalCode', 'street'] as const)
    if (str(address[k])) fields[`address.${k}`] = str(address[k])!
  if (ids.userId) fields.segmentUserId = ids.userId
  if (ids.anonymousId) fields.segmentAnonymousId = ids.anonymousId
  return {
    email: str(traits.email),
    firstName,
    lastName,
    title: str(traits.title),
    phone: str(traits.phone),
    company: {
      name: typeof company === 'string' ? str(company) : str(companyObj.name),
      industry: str(companyObj.industry) ?? str(traits.industry),
      employees: num(companyObj.employee_count) ?? num(companyObj.employees) ?? num(traits.employees),
      domain: domainOf(companyObj.website) ?? domainOf(traits.website),
      country: alpha2,
    },
    fields,
  }
}

const GROUP_KNOWN = new Set(['name', 'industry', 'employees', 'employee_count', 'website', 'address'])

/** Group traits → the company of the user's lead. */
export const groupToLead = (traits: Record<string, unknown>, groupId: string | undefined) => {
  const address =
    traits.address && typeof traits.address === 'object' ? (traits.address as Record<string, unknown>) : {}
  const country = str(address.country)
  const fields = flat(traits, GROUP_KNOWN, 'company.')
  if (groupId) fields.segmentGroupId = groupId
  return {
    company: {
      name: str(traits.name),
      industry: str(traits.industry),
      employees: num(traits.employees) ?? num(traits.employee_count),
      domain: domainOf(traits.website),
      country: country && /^[A-Za-z]{2}$/.test(country) ? country : undefined,
    },
    fields,
  }
}

const pruneCompany = <T extends { company?: Record<string, unknown> }>(input: T): T => {
  const company = Object.fromEntries(Object.entries(input.company ?? {}).filter(([, v]) => v !== undefined))
  return { ...input, company: Object.keys(company).length > 0 ? company : undefined }
}

const timeOf = (m: Msg, now: number) => {
  const raw = m.timestamp ?? m.originalTimestamp ?? m.sentAt
  const ms = raw ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`) : Number.NaN
  return new Date(Number.isFinite(ms) ? ms : now).toISOString()
}

/**
 * Maps and stores Segment messages. `raw` items are validated one by one; the result counts identify/group
 * messages applied and events accepted, duplicates (a `messageId` seen before) and rejected items with paths.
 * @example await ingestSegment(ctx, [{ type: 'identify', userId: 'u1', traits: { email: 'peter@example.com' } }])
 */
export const ingestSegment = async (ctx: DomainCtx, raw: readonly unknown[]): Promise<Result> => {
  const rejected: Result['rejected'] = []
  const messages: Array<{ index: number; m: Msg }> = []
  raw.forEach((item, index) => {
    const parsed = SegmentMessage.safeParse(item)
    if (parsed.success) messages.push({ index, m: parsed.data })
    else rejected.push({ index, issues: toIssues(parsed.error.issues) })
  })

  // Who is each message about? An email in the message, else a userId/anonymousId seen with an email.
  const emailOfUser = new Map<string, string>()
  const emailIn = (m: Msg) =>
    str(m.type === 'identify' ? m.traits.email : undefined) ??
    str(m.context?.traits?.email) ??
    str(m.type === 'track' || m.type === 'page' ? m.properties.email : undefined)
  for (const { m } of messages) {
    const email = emailIn(m)
    if (!email) continue
    for (const id of [idOf(m.userId), idOf(m.anonymousId)]) if (id && !emailOfUser.has(id)) emailOfUser.set(id, email)
  }
  const unknownIds = messages
    .flatMap(({ m }) => (emailIn(m) ? [] : [idOf(m.userId), idOf(m.anonymousId)]))
    .filter((id): id is string => !!id && !emailOfUser.has(id))
  if (unknownIds.length > 0) {
    const [byUser, byAnon] = await Promise.all([
      runChunked(ctx.db, leadsBySegmentUserQueries(ctx.db, unknownIds, 'segmentUserId'), 100),
      runChunked(ctx.db, leadsBySegmentUserQueries(ctx.db, unknownIds, 'segmentAnonymousId'), 100),
    ])
    for (const row of (byAnon as LeadRow[][]).flat())
      emailOfUser.set(String((row.fields as FlatMap).segmentAnonymousId), row.email)
    for (const row of (byUser as LeadRow[][]).flat())
      emailOfUser.set(String((row.fields as FlatMap).segmentUserId), row.email)
  }
  const emailFor = (m: Msg) =>
    emailIn(m) ??
    [idOf(m.userId), idOf(m.anonymousId)].map((id) => (id ? emailOfUser.get(id) : undefined)).find(Boolean)
  const noIdentity: ErrorIssue = {
    path: 'userId',
    message:
      'Unknown user: send an email (traits.email or context.traits.email) or identify this userId with one first',
  }

  const leadInputs: LeadInput[] = []
  const leadIndexes: number[] = []
  const events: EventInput[] = []
  const eventIndexes: number[] = []
  for (const { index, m } of messages) {
    const email = emailFor(m)
    if (!email) {
      rejected.push({ index, issues: [noIdentity] })
      continue
    }
    if (m.type === 'identify' || m.type === 'group') {
      const mapped =
        m.type === 'identify'
          ? identifyToLead(m.traits, { userId: idOf(m.userId), anonymousId: idOf(m.anonymousId) })
          : groupToLead(m.traits, idOf(m.groupId))
      const parsed = LeadInput.safeParse(pruneCompany({ ...mapped, email }))
      if (!parsed.success) {
        rejected.push({ index, issues: toIssues(parsed.error.issues, ['traits']) })
        continue
      }
      leadInputs.push(parsed.data)
      leadIndexes.push(index)
      continue
    }
    const props = m.properties
    const properties: Record<string, string | number | boolean | null> = flat(props, new Set())
    let type: string
    if (m.type === 'page') {
      type = 'page_view'
      const page = (m.context?.page ?? {}) as Record<string, unknown>
      const url = str(props.url) ?? str(page.url)
      let path = str(props.path) ?? str(page.path)
      if (!path && url) {
        try {
          path = new URL(url).pathname
        } catch {
          path = undefined
        }
      }
      if (url) properties.url = url
      if (path) properties.path = path
      const title = str(props.title) ?? str(page.title)
      if (title) properties.title = title
      if (m.name) properties.name = m.name
    } else type = eventType(m.event)
    const parsed = EventInput.safeParse({
      id: m.messageId ?? `segment-${crypto.randomUUID()}`,
      email,
      type,
      occurredAt: timeOf(m, ctx.now),
      properties,
    })
    if (!parsed.success) {
      rejected.push({
        index,
        issues: toIssues(
          parsed.error.issues.map((i) => ({
            ...i,
            path: i.path[0] === 'id' ? ['messageId'] : i.path[0] === 'type' ? ['event'] : i.path,
          })),
        ),
      })
      continue
    }
    events.push(parsed.data)
    eventIndexes.push(index)
  }

  // Before the identifies are written: a refused batch stores nothing.
  assertMaySendSalesActivity(ctx, events)
  let accepted = 0
  let duplicates = 0
  if (leadInputs.length > 0) {
    await ingestLeads(ctx, leadInputs, { source: 'segment' })
    accepted += leadInputs.length
  }
  if (events.length > 0) {
    const r = await ingestEvents(ctx, events, { source: 'segment' })
    accepted += r.accepted
    duplicates += r.duplicates
    r.outcomes.forEach((o, i) => {
      if (o.status === 'rejected') rejected.push({ index: eventIndexes[i]!, issues: o.issues })
    })
  }
  rejected.sort((a, b) => a.index - b.index)
  return { accepted, duplicates, rejected }
}
