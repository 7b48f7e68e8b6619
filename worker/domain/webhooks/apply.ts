/**
 * Applies what a CRM, form or scheduling tool told us ({@link CrmChange}) through the same domain functions
 * the API uses: intake, events, touches, dispositions. Identity heals on the way: a record found by email
 * gets the CRM's id attached, so the next delivery (and the overlay) finds it by id.
 * @module
 */
import { LeadInput, type CrmRef, type Outcome } from '../../../shared/schemas/lead'
import type { OwnerPolicy } from '../../../shared/schemas/sources'
import { getCurrentCriteria } from '../../db/queries/criteria'
import { historyEntry } from '../../db/queries/history'
import { leadIdByEmail } from '../../db/queries/lead-lookup'
import { normalizeEmail } from '../../db/queries/leads'
import { followOwner, leadForCrm } from '../../db/queries/crm-leads'
import {
  attachRef,
  deletePending,
  getDeal,
  getPending,
  leadIdsByRefs,
  putPending,
  repsForCrm,
  upsertDeal,
} from '../../db/queries/sources'
import { emitLeadEvent } from '../alerts/emit-lead-event'
import type { DomainCtx } from '../context'
import { OTHER_REASON, recordDisposition, STATUS } from '../disposition'
import { systemName } from '../system-names'
import { ingestEvents } from '../intake/ingest-events'
import { ingestLead } from '../intake/ingest-leads'
import type { CrmChange, LeadPatch, Subject } from './changes'

export type ApplySource = {
  /** `hubspot`, `pipedrive`… : the lead's source, and the system named in the journey. */
  kind: string
  name: string
  campaign?: string | null
  ownerPolicy: OwnerPolicy
}

/**
 * Keeps what validates of CRM data: a field the CRM fills with something Handoff cannot use (a country
 * name instead of its ISO code, a malformed URL) is dropped rather than losing the whole delivery.
 */
export const validLeadInput = (raw: Record<string, unknown>): LeadInput | null => {
  const input: Record<string, unknown> = { ...raw, company: raw.company ? { ...(raw.company as object) } : undefined }
  for (let attempt = 0; attempt < 20; attempt++) {
    const parsed = LeadInput.safeParse(input)
    if (parsed.success) return parsed.data
    for (const issue of parsed.error.issues) {
      const [top, sub] = issue.path as string[]
      if (top === 'email' || top === undefined) return null
      if (top === 'company' && sub !== undefined && input.company)
        delete (input.company as Record<string, unknown>)[sub]
      else delete input[top]
    }
  }
  return null
}

type Ctx = DomainCtx & { source: ApplySource; repCache?: Awaited<ReturnType<typeof repsForCrm>> }

const resolveLead = async (ctx: Ctx, subject: Subject): Promise<string | null> => {
  const { db } = ctx
  if (subject.ref) {
    const byRef = (await leadIdsByRefs(db, subject.ref.system, [subject.ref.id])).get(subject.ref.id)
    if (byRef) return byRef
  }
  if (!subject.email) return null
  const byEmail = await leadIdByEmail(db, normalizeEmail(subject.email))
  // Identity heals: the CRM's id now points at the lead its email found (unless it names another lead).
  if (byEmail && subject.ref) await attachRef(db, subject.ref.system, subject.ref.id, byEmail)
  return byEmail
}

const repFor = async (ctx: Ctx, ownerId: string | undefined, ownerEmail?: string) => {
  if (!ownerId && !ownerEmail) return null
  ctx.repCache ??= await repsForCrm(ctx.db)
  const key = `${ctx.source.kind}:${ownerId}`
  return (
    ctx.repCache.find(
      (r) =>
        (ownerId && (r.crmOwnerIds as string[]).includes(key)) ||
        (ownerEmail && r.email.toLowerCase() === ownerEmail.toLowerCase()),
    ) ?? null
  )
}

const refsOf = (subject: Subject): CrmRef[] => (subject.ref ? [subject.ref] : [])

const applyRecord = async (ctx: Ctx, subject: Subject, patch: LeadPatch) => {
  const { db, now } = ctx
  const leadId = await resolveLead(ctx, subject)
  let email: string | undefined
  let base: Record<string, unknown> = {}
  if (leadId) email = (await leadForCrm(db, leadId))?.email
  else if (subject.email) {
    email = subject.email
    // Properties that arrived before the email (HubSpot sends creation and each property apart).
    if (subject.ref)
      base = ((await getPending(db, subject.ref.system, subject.ref.id))?.properties ?? {}) as Record<string, unknown>
  }
  if (!email) {
    if (!subject.ref) return
    const pending = (await getPending(db, subject.ref.system, subject.ref.id))?.properties ?? {}
    await putPending(db, subject.ref.system, subject.ref.id, { ...(pending as object), ...stripUndefined(patch) }, now)
    return
  }
  const input = validLeadInput({
    ...base,
    ...stripUndefined(patch),
    campaign: patch.campaign ?? (base.campaign as string | undefined) ?? ctx.source.campaign ?? undefined,
    email,
    crmRefs: refsOf(subject),
  })
  if (!input) return
  await ingestLead(ctx, input, { source: ctx.source.kind })
  if (!leadId && subject.ref) await deletePending(db, subject.ref.system, subject.ref.id)
}

const stripUndefined = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))

const applyOutcome = async (
  ctx: Ctx,
  leadId: string,
  c: { outcome: Outcome; amount?: number | null; reason?: string; at: number },
) => {
  const lead = await leadForCrm(ctx.db, leadId)
  if (!lead || lead.status === STATUS[c.outcome]) return
  let reason: string | undefined
  let note: string | undefined
  if (c.outcome === 'disqualified' || c.outcome === 'lost') {
    // CRM reasons are free text: one that matches the criteria's list is used as listed, others are `other`
    // with the CRM's words as the note.
    const listed = (await getCurrentCriteria(ctx.db)).document.disqualificationReasons
    const given = c.reason?.trim()
    const match = given ? listed.find((r) => r.toLowerCase() === given.toLowerCase()) : undefined
    reason = match ?? OTHER_REASON
    if (!match) note = given ? given.slice(0, 5000) : `Marked ${c.outcome} in ${systemName(ctx.source.kind)}`
  }
  await recordDisposition(
    { ...ctx, actor: `${ctx.source.kind}:${ctx.source.name}` },
    {
      leadId,
      outcome: c.outcome,
      reason,
      note,
      amount: c.outcome === 'won' ? (c.amount ?? undefined) : undefined,
      at: c.at,
      system: ctx.source.kind,
    },
  )
}

const applyOwner = async (ctx: Ctx, subject: Subject, ownerId: string, at: number) => {
  const leadId = await resolveLead(ctx, subject)
  if (!leadId) return
  const lead = await leadForCrm(ctx.db, leadId)
  if (!lead) return
  const rep = await repFor(ctx, ownerId)
  if (rep && rep.id === lead.assigneeId) return
  const system = systemName(ctx.source.kind)
  const follow = ctx.source.ownerPolicy === 'follow' && rep !== null
  const who = rep ? rep.email : `owner ${ownerId} (no Handoff rep has this CRM owner id)`
  const summary = follow
    ? `${system} owner changed to ${who}: Handoff follows the CRM`
    : `${system} owner changed to ${who}: Handoff keeps its assignment (source policy: ${ctx.source.ownerPolicy})`
  const entry = historyEntry(ctx.db, {
    leadId,
    at,
    kind: 'crm',
    actor: `${ctx.source.kind}:${ctx.source.name}`,
    data: { summary, system: ctx.source.kind, ownerId, repId: rep?.id ?? null, followed: follow },
  })
  if (!follow) return void (await entry)
  await ctx.db.batch([entry, ...followOwner(ctx.db, leadId, rep.id, ctx.now)])
  await emitLeadEvent(ctx, { type: 'lead.reassigned', leadId, key: `crm:${at}:${rep.id}`, reason: summary })
}

/**
 * Applies changes in order. Unknown records without an email wait (HubSpot sends the email later); events
 * and touches for nobody Handoff knows are dropped, since without an email there is no lead to create.
 * @example await applyChanges(ctx, { kind: 'pipedrive', name: 'Pipedrive', ownerPolicy: 'keep' }, changes)
 */
export const applyChanges = async (base: DomainCtx, source: ApplySource, changes: readonly CrmChange[]) => {
  const ctx: Ctx = { ...base, source, actor: `${source.kind}:${source.name}`, salesActivity: true }
  for (const c of changes) {
    if (c.type === 'record') await applyRecord(ctx, c.subject, c.patch)
    else if (c.type === 'event' || c.type === 'touch') {
      const leadId = await resolveLead(ctx, c.subject)
      if (!leadId && !c.subject.email) continue
      const who = leadId ? { leadId } : { email: c.subject.email! }
      const repFor_ = new Map<string, string>()
      if (c.type === 'touch') {
        const rep = await repFor(ctx, c.ownerId, c.ownerEmail)
        if (c.onlyWithAssignee) {
          // A meeting counts as first touch only when it is with the lead's assignee.
          const lead = leadId ? await leadForCrm(ctx.db, leadId) : null
          if (!rep || !lead || lead.assigneeId !== rep.id) continue
        }
        if (rep) repFor_.set(c.id, rep.id)
      }
      await ingestEvents(
        ctx,
        [
          {
            id: c.id,
            ...who,
            type: c.type === 'touch' ? 'sales_touch' : c.event,
            occurredAt: new Date(c.at).toISOString(),
            properties:
              c.type === 'touch'
                ? { channel: c.channel, system: source.kind, ...(c.note ? { note: c.note.slice(0, 5000) } : {}) }
                : c.properties,
          },
        ],
        { source: source.kind, system: source.kind, repFor: repFor_ },
      )
    } else if (c.type === 'outcome') {
      const leadId = await resolveLead(ctx, c.subject)
      if (leadId) await applyOutcome(ctx, leadId, c)
    } else if (c.type === 'deal') {
      const before = await getDeal(ctx.db, source.kind, c.dealId)
      const linked = c.person ? await resolveLead(ctx, c.person) : null
      const leadId = linked ?? before?.leadId ?? null
      const stage = c.outcome ?? c.stage
      const amount = c.amount !== undefined ? c.amount : (before?.amount ?? null)
      await upsertDeal(
        ctx.db,
        { system: source.kind, dealId: c.dealId, leadId: linked ?? undefined, amount: c.amount, stage },
        ctx.now,
      )
      // Closed now, or closed earlier and only now linked to its person.
      const outcome = c.outcome ?? (linked && !before?.leadId ? wonOrLost(before?.stage) : undefined)
      if (leadId && outcome) await applyOutcome(ctx, leadId, { outcome, amount, reason: c.reason, at: c.at })
    } else if (c.type === 'owner') await applyOwner(ctx, c.subject, c.ownerId, c.at)
  }
}

const wonOrLost = (stage: string | null | undefined) => (stage === 'won' || stage === 'lost' ? stage : undefined)
