/**
 * Who may see and act on a lead: managers and admins on every lead, a rep only on leads assigned to them.
 * Any other existing lead, assigned to someone else or to nobody, is "not yours" with no lead data in the
 * error; a lead that does not exist is "not found".
 * @module
 */
import type { Brief } from '../../shared/schemas/lead'
import type { Db, Principal } from '../app-env'
import { leadOwner } from '../db/queries/lead-lookup'
import { DomainError } from './errors'

/**
 * The lead's id when `principal` may work it; throws `not_found` or `forbidden` otherwise.
 * @example const id = await authorizeLead(db, c.var.principal, c.req.param('id'))
 */
export const authorizeLead = async (db: Db, principal: Principal, leadId: string): Promise<string> => {
  const lead = await leadOwner(db, leadId)
  if (!lead) throw new DomainError('not_found', 'No such lead')
  if (principal.role === 'rep' && (principal.repId === null || lead.assigneeId !== principal.repId)) {
    // A colleague's lead says whose it is and whether it was met, and nothing else (no contact data, no brief).
    if (lead.assigneeId && lead.assigneeName)
      throw new DomainError('forbidden', `Assigned to ${lead.assigneeName}`, undefined, {
        owner: { name: lead.assigneeName, metAt: lead.metAt === null ? null : new Date(lead.metAt).toISOString() },
      })
    throw new DomainError('forbidden', 'This lead is not assigned to you')
  }
  return lead.id
}

/** What an `intake` token sees of a lead it sent: enough to link it, nothing about who works it or how to reach them. */
export type IntakeLeadView = { id: string; email: string; status: string; score: { total: number } }

/**
 * The lead as the principal may see it in an intake answer: the whole brief for admins, only id, email,
 * status and score total for `intake` (contract v1.1, least privilege).
 * @example c.json({ lead: leadForPrincipal(principal, brief) })
 */
export const leadForPrincipal = (principal: Principal, brief: Brief): Brief | IntakeLeadView =>
  principal.role === 'intake'
    ? { id: brief.id, email: brief.email, status: brief.status, score: { total: brief.score.total } }
    : brief
