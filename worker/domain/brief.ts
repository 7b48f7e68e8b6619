import { eq } from 'drizzle-orm'
import type { Brief, LeadStatus } from '../../shared/schemas/lead'
import type { Db } from '../app-env'
import { leadCrmRefs, leads } from '../db/schema'

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * The lead brief as every route returns it, or null when there is no such lead.
 * MINIMAL VERSION: the brief/actions work (issue 4) fills in timeline, SLA, signals, assignee.
 * @example const brief = await buildBrief(db, leadId, Date.now())
 */
export const buildBrief = async (db: Db, leadId: string, _now: number): Promise<Brief | null> => {
  const lead = await db.query.leads.findFirst({ where: eq(leads.id, leadId) })
  if (!lead) return null
  const refs = await db.select().from(leadCrmRefs).where(eq(leadCrmRefs.leadId, leadId))
  return {
    id: lead.id,
    email: lead.email,
    firstName: lead.firstName,
    lastName: lead.lastName,
    title: lead.title,
    phone: lead.phone,
    linkedinUrl: lead.linkedinUrl,
    company: {
      name: lead.companyName,
      domain: lead.companyDomain,
      industry: lead.industry,
      employees: lead.employees,
      country: lead.country,
    },
    status: lead.status as LeadStatus,
    hot: lead.hot,
    disqualifiedReason: lead.disqualifiedReason,
    score: {
      total: lead.scoreTotal,
      fit: lead.scoreFit,
      engagement: lead.scoreEngagement,
      breakdown: lead.scoreBreakdown as Brief['score']['breakdown'],
      criteriaVersion: lead.criteriaVersion,
    },
    assignee: null,
    sla: { policy: null, startedAt: null, dueAt: null, dueSoonAt: null, metAt: null, state: 'none' },
    whyNow: null,
    timeline: [],
    interests: [],
    objections: [],
    message: lead.message,
    fields: lead.fields as Brief['fields'],
    source: lead.source,
    campaign: lead.campaign,
    crmRefs: refs.map((r) => ({ system: r.system, id: r.refId })),
    createdAt: iso(lead.createdAt),
    updatedAt: iso(lead.updatedAt),
  }
}
