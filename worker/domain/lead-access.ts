/**
 * Who may see and act on a lead: managers and admins on every lead, a rep only on leads assigned to them.
 * Any other existing lead, assigned to someone else or to nobody, is "not yours" with no lead data in the
 * error; a lead that does not exist is "not found".
 * @module
 */
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
    throw new DomainError('forbidden', 'This lead is not assigned to you')
  }
  return lead.id
}

