/**
 * `GET/PUT /v1/admin/settings/crm-hosts` (admin): where the org's CRMs live, so alerts can link a lead's CRM
 * record (Salesforce My Domain host, HubSpot Hub ID and data-centre host, Pipedrive company domain).
 * @module
 */
import { Hono } from 'hono'
import { CrmHosts } from '../../shared/schemas/crm-hosts'
import type { AppEnv } from '../app-env'
import { getCrmHosts, putCrmHosts } from '../db/queries/crm-hosts'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'

export const adminCrmHostRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => c.json(await getCrmHosts(c.var.db)))
  .put('/', validate('json', CrmHosts), async (c) => {
    const hosts = c.req.valid('json')
    await putCrmHosts(c.var.db, hosts)
    return c.json(hosts)
  })
