/**
 * What an alert says, stored in the outbox row at enqueue time (so a retry sends the same facts).
 * @module
 */
import { leadName } from '../../../shared/lead-name'
import type { CrmSystem } from '../../../shared/schemas/lead'
import type { leads, reps } from '../../db/schema'

export type AlertKind = 'assigned' | 'warning' | 'breach' | 'escalation' | 'reassigned' | 'no_eligible_rep'

export type AlertPayload = {
  kind: AlertKind
  milestone: string
  /** One line: "Lead assigned to Ana Ruiz", "SLA breached: Jo Doe (Acme)". */
  title: string
  lead: {
    id: string
    name: string
    email: string
    title: string | null
    company: string | null
    score: number
    hot: boolean
    whyNow: string | null
    /** Absent in rows queued before alerts carried them. */
    phone?: string | null
    linkedinUrl?: string | null
    /** The lead's CRM record page: filled in at send time from the org's CRM hosts (see deliver.ts). */
    crm?: { system: CrmSystem; url: string } | null
  }
  rep: { id: string; name: string } | null
  dueAt: number | null
  /** Why this happened (routing reason, escalation step…). */
  detail: string | null
}

type LeadRow = typeof leads.$inferSelect
type RepRow = typeof reps.$inferSelect

/**
 * Builds the payload from the lead and the rep concerned.
 * @example alertPayload({ kind: 'assigned', milestone: 'assigned', lead, rep, dueAt, detail: reason })
 */
export const alertPayload = (p: {
  kind: AlertKind
  milestone: string
  lead: LeadRow
  rep: RepRow | null | undefined
  dueAt: number | null
  detail?: string | null
}): AlertPayload => {
  const who = leadName(p.lead) + (p.lead.companyName ? ` (${p.lead.companyName})` : '')
  const titles: Record<AlertKind, string> = {
    assigned: `New lead for ${p.rep?.name ?? 'the team'}: ${who}`,
    warning: `SLA warning: ${who} awaits a first touch`,
    breach: `SLA breached: ${who} was not touched in time`,
    escalation: `Escalation: ${who} is overdue${p.rep ? ` with ${p.rep.name}` : ''}`,
    // The reason (SLA breach, a manager's own words) is in `detail`.
    reassigned: `Reassigned to ${p.rep?.name ?? 'the team'}: ${who}`,
    no_eligible_rep: `No eligible rep for ${who}${p.rep ? `: kept by ${p.rep.name}` : ''}`,
  }
  const whyNow = p.lead.whyNow as { summary?: string } | null
  return {
    kind: p.kind,
    milestone: p.milestone,
    title: titles[p.kind],
    lead: {
      id: p.lead.id,
      name: leadName(p.lead),
      email: p.lead.email,
      title: p.lead.title,
      company: p.lead.companyName,
      score: p.lead.scoreTotal,
      hot: p.lead.hot,
      whyNow: whyNow?.summary ?? null,
      phone: p.lead.phone,
      linkedinUrl: p.lead.linkedinUrl,
    },
    rep: p.rep ? { id: p.rep.id, name: p.rep.name } : null,
    dueAt: p.dueAt,
    detail: p.detail ?? null,
  }
}
