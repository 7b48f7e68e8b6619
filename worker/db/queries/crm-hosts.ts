/**
 * The organisation's CRM hosts (a setting) and a lead's CRM ids: what an alert's CRM link is built from.
 * @module
 */
import { eq } from 'drizzle-orm'
import { CrmHosts } from '../../../shared/schemas/crm-hosts'
import type { Db } from '../../app-env'
import { leadCrmRefs } from '../schema'
import { getSetting, putSetting } from './settings'

const KEY = 'crm_hosts'

/**
 * The CRM hosts; every system unset when never configured (or when a stored value no longer parses).
 * @example const hosts = await getCrmHosts(db) // { salesforceHost: null, hubspotPortalId: '123', … }
 */
export const getCrmHosts = async (db: Db): Promise<CrmHosts> => {
  const parsed = CrmHosts.safeParse((await getSetting(db, KEY)) ?? {})
  return parsed.success ? parsed.data : CrmHosts.parse({})
}

/**
 * Replaces the CRM hosts.
 * @example await putCrmHosts(db, CrmHosts.parse({ pipedriveDomain: 'acme' }))
 */
export const putCrmHosts = (db: Db, hosts: CrmHosts) => putSetting(db, KEY, hosts)

/**
 * A lead's CRM ids as `{ system, id }`.
 * @example await crmRefsOf(db, 'lead_1') // [{ system: 'hubspot', id: '51' }]
 */
export const crmRefsOf = (db: Db, leadId: string) =>
  db
    .select({ system: leadCrmRefs.system, id: leadCrmRefs.refId })
    .from(leadCrmRefs)
    .where(eq(leadCrmRefs.leadId, leadId))
