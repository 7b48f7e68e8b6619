/**
 * The HTTP app: middleware shared by every route, then one sub-app per resource.
 * @module
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from './app-env'
import { ApiError, onError } from './errors'
import { db } from './middleware/db'
import { adminAlertRoutes } from './routes/admin-alerts'
import { adminAuditRoutes } from './routes/admin-audit'
import { adminCriteriaRoutes } from './routes/admin-criteria'
import { adminDemoRoutes } from './routes/admin-demo'
import { adminImportRoutes } from './routes/admin-import'
import { adminAccountRoutes } from './routes/admin-accounts'
import { adminCalendarRoutes } from './routes/admin-calendars'
import { adminChannelRoutes, adminSettingsRoutes } from './routes/admin-channels'
import { adminCrmHostRoutes } from './routes/admin-crm-hosts'
import { adminPoolRoutes } from './routes/admin-pools'
import { adminRetentionRoutes } from './routes/admin-retention'
import { adminRepRoutes } from './routes/admin-reps'
import { adminRoutingRuleRoutes } from './routes/admin-routing-rules'
import { adminSlaPolicyRoutes } from './routes/admin-sla-policies'
import { adminSourceRoutes } from './routes/admin-sources'
import { adminTokenRoutes } from './routes/admin-tokens'
import { devScheduledRoutes } from './routes/dev-scheduled'
import { intakeEventRoutes } from './routes/intake-events'
import { formRoutes } from './routes/intake-form'
import { intakeLeadRoutes } from './routes/intake-leads'
import { segmentRoutes } from './routes/intake-segment'
import { webhookRoutes } from './routes/webhooks'
import { leadRoutes } from './routes/leads'
import { managerRoutes } from './routes/manager'
import { meRoutes } from './routes/me'
import { audit } from './middleware/audit'
import { openLeadRoutes } from './routes/open-lead'
import { reportRoutes } from './routes/reports'
import { openApiDocument } from './openapi/document'
import { demoPageRoutes } from './routes/demo-pages'

/** Bodies above 1 MiB are refused with 413 before they are read. */
export const MAX_BODY_BYTES = 1024 * 1024

export const app = new Hono<AppEnv>()
  .use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `The body is over ${MAX_BODY_BYTES} bytes`)
      },
    }),
  )
  .use(db)
  .get('/', (c) =>
    c.json({ name: 'handoff', ok: true, health: '/health', whoAmI: '/v1/me', openapi: '/v1/openapi.json' }),
  )
  .get('/health', (c) => c.json({ ok: true }))
  // Every successful change to configuration, and every reassignment, is recorded with who and when.
  .use('/v1/admin/*', audit)
  .use('/v1/leads/:id/reassign', audit)
  .use('/v1/reports/mql-target', audit)
  .route('/__scheduled', devScheduledRoutes)
  .route('/open', openLeadRoutes)
  .route('/demo', demoPageRoutes)
  .route('/v1/leads', intakeLeadRoutes)
  .route('/v1/leads', leadRoutes)
  .route('/v1/events', intakeEventRoutes)
  .route('/v1/intake/segment', segmentRoutes)
  .route('/v1/intake/form', formRoutes)
  .route('/v1/webhooks', webhookRoutes)
  .route('/v1/me', meRoutes)
  .route('/v1/reports', reportRoutes)
  .route('/v1/manager', managerRoutes)
  .route('/v1/admin/audit', adminAuditRoutes)
  .route('/v1/admin/criteria', adminCriteriaRoutes)
  .route('/v1/admin/import', adminImportRoutes)
  .route('/v1/admin/sources', adminSourceRoutes)
  .route('/v1/admin/tokens', adminTokenRoutes)
  .route('/v1/admin/demo', adminDemoRoutes)
  .route('/v1/admin/alerts', adminAlertRoutes)
  .route('/v1/admin/reps', adminRepRoutes)
  .route('/v1/admin/calendars', adminCalendarRoutes)
  .route('/v1/admin/pools', adminPoolRoutes)
  .route('/v1/admin/routing-rules', adminRoutingRuleRoutes)
  .route('/v1/admin/accounts', adminAccountRoutes)
  .route('/v1/admin/sla-policies', adminSlaPolicyRoutes)
  .route('/v1/admin/channels', adminChannelRoutes)
  .route('/v1/admin/settings/crm-hosts', adminCrmHostRoutes)
  .route('/v1/admin/settings', adminSettingsRoutes)
  .route('/v1/admin/retention', adminRetentionRoutes)
  .notFound((c) => c.json({ error: { code: 'not_found', message: 'No such route' } }, 404))
  .onError(onError)

// The document describes the app that serves it, so it is added once the app is complete; built once per isolate.
let openApi: ReturnType<typeof openApiDocument> | undefined
app.get('/v1/openapi.json', async (c) => c.json(await (openApi ??= openApiDocument(app, new URL(c.req.url).origin))))
