/**
 * What each route does, in words, and what it answers: the part of the OpenAPI document that the routes'
 * validators cannot say. Request schemas come from the routes themselves (`validate()` marks them) and roles
 * from `requireRole()`; `test/worker/openapi.test.ts` fails when a route has no entry here or an entry no route.
 * @module
 */
import { z } from 'zod'
import {
  CalendarAnswer,
  ChannelAnswer,
  ChannelTestAnswer,
  IssuedTokenAnswer,
  PoolAnswer,
  RepAnswer,
  RoutingRuleAnswer,
  SlaPolicyAnswer,
  TokenAnswer,
} from '../../shared/schemas/admin-answers'
import { AuditPage } from '../../shared/schemas/audit'
import { Me } from '../../shared/schemas/auth'
import { CriteriaVersion } from '../../shared/schemas/criteria'
import { CrmHosts } from '../../shared/schemas/crm-hosts'
import {
  CriteriaJob,
  CriteriaPreview,
  HandOffImpact,
  ImportReport,
  IntakeBatchResult,
} from '../../shared/schemas/intake'
import { EventsResult, LeadResponse, Queue } from '../../shared/schemas/lead'
import { LeadSearchPage, ManagerBoard, ManagerPools, ManagerQueue, ReassignResult } from '../../shared/schemas/manager'
import {
  FunnelReport,
  MqlTargetReport,
  ReasonsReport,
  SlaComplianceReport,
  SpeedToLeadReport,
  SpeedTrendReport,
} from '../../shared/schemas/reports'
import { RetentionSettings } from '../../shared/schemas/retention'
import { CreatedSource, Source } from '../../shared/schemas/sources'

/** One operation: a summary, its tag, and its success answer (status and, when JSON, its schema). */
export type Operation = {
  summary: string
  tag: 'Intake' | 'Webhooks' | 'Reps' | 'Managers' | 'Reports' | 'Admin' | 'Service'
  ok: number
  schema?: z.ZodType
  /** A content type other than JSON (HTML pages, redirects, XML acknowledgements). */
  media?: string
}

const rep = z.object({ rep: RepAnswer })
const cal = z.object({ calendar: CalendarAnswer })
const pool = z.object({ pool: PoolAnswer })
const rule = z.object({ rule: RoutingRuleAnswer })
const policy = z.object({ policy: SlaPolicyAnswer })
const channel = z.object({ channel: ChannelAnswer })
const saved = CriteriaVersion.extend({ apply: z.string(), job: CriteriaJob.nullable() })
const crud = (
  noun: string,
  one: z.ZodType,
  many: z.ZodType,
  tag: Operation['tag'] = 'Admin',
): Record<string, Operation> => ({
  [`GET`]: { summary: `List ${noun}s`, tag, ok: 200, schema: many },
  [`POST`]: { summary: `Create a ${noun}`, tag, ok: 201, schema: one },
  [`GET :id`]: { summary: `Read a ${noun}`, tag, ok: 200, schema: one },
  [`PUT :id`]: { summary: `Replace a ${noun}`, tag, ok: 200, schema: one },
  [`DELETE :id`]: { summary: `Delete a ${noun}`, tag, ok: 204 },
})
/** Expands `crud()` entries onto a base path: `GET :id` → `GET /base/:id`. */
const at = (base: string, ops: Record<string, Operation>) =>
  Object.fromEntries(
    Object.entries(ops).map(([k, v]) => {
      const [method, sub] = k.split(' ')
      return [`${method} ${base}${sub ? `/${sub}` : ''}`, v]
    }),
  )

/** Keyed by `METHOD /path` exactly as Hono lists the route (`:param` segments). */
export const OPERATIONS: Record<string, Operation> = {
  'GET /': { summary: 'Service index: links to health, the caller and this document', tag: 'Service', ok: 200 },
  'GET /health': { summary: 'Liveness', tag: 'Service', ok: 200 },
  'GET /v1/openapi.json': { summary: 'This OpenAPI 3.1 document', tag: 'Service', ok: 200 },
  'GET /__scheduled': { summary: 'Dev only: run the cron tick, optionally at `?time=`', tag: 'Service', ok: 200 },
  'POST /__scheduled': { summary: 'Dev only: run the cron tick, optionally at `?time=`', tag: 'Service', ok: 200 },
  'GET /open/leads/:id': {
    summary: "Alert links: a page that opens the lead in the rep's extension",
    tag: 'Reps',
    ok: 200,
    media: 'text/html',
  },
  'GET /demo/linkedin/:slug': {
    summary: 'Dev only: a LinkedIn-shaped demo profile page the dev extension recognises',
    tag: 'Service',
    ok: 200,
    media: 'text/html',
  },
  'POST /v1/leads': {
    summary: 'Create or update a lead by email (Idempotency-Key honoured)',
    tag: 'Intake',
    ok: 201,
    schema: LeadResponse,
  },
  'GET /v1/leads/lookup': {
    summary: 'Find a lead by a page identity (LinkedIn slug, CRM id, email)',
    tag: 'Reps',
    ok: 200,
    schema: LeadResponse,
  },
  'GET /v1/leads/:id': { summary: "A lead's brief", tag: 'Reps', ok: 200, schema: LeadResponse },
  'GET /v1/leads/:id/journey': { summary: "A lead's journey: where it is and why", tag: 'Reps', ok: 200 },
  'POST /v1/leads/:id/touch': { summary: 'Log a touch (first or later)', tag: 'Reps', ok: 201 },
  'POST /v1/leads/:id/disposition': {
    summary: 'Record an outcome (accepted, won, lost, disqualified, converted, recycled)',
    tag: 'Reps',
    ok: 200,
  },
  'POST /v1/leads/:id/reassign': {
    summary: 'Reassign a lead to a rep or a pool, with a reason',
    tag: 'Managers',
    ok: 200,
    schema: ReassignResult,
  },
  'POST /v1/events': { summary: 'Record activity events', tag: 'Intake', ok: 202, schema: EventsResult },
  'POST /v1/intake/segment': {
    summary: 'Segment destination (identify, track, page, group, batch)',
    tag: 'Intake',
    ok: 202,
    schema: IntakeBatchResult,
  },
  'POST /v1/intake/form/:sourceKey': {
    summary: 'Public website form post (urlencoded or JSON)',
    tag: 'Intake',
    ok: 201,
  },
  'POST /v1/webhooks/:sourceId': {
    summary: 'Signed webhook from a CRM or form tool (HubSpot, Pipedrive, Typeform, Calendly)',
    tag: 'Webhooks',
    ok: 200,
  },
  'POST /v1/webhooks/:sourceId/:secret': {
    summary: 'Salesforce outbound message (secret in the path)',
    tag: 'Webhooks',
    ok: 200,
    media: 'text/xml',
  },
  'GET /v1/me': { summary: 'Who the token belongs to', tag: 'Reps', ok: 200, schema: Me },
  'GET /v1/me/queue': { summary: "The rep's queue with counts", tag: 'Reps', ok: 200, schema: Queue },
  'GET /v1/reports/speed-to-lead': {
    summary: 'Speed-to-lead: histogram, median and p90',
    tag: 'Reports',
    ok: 200,
    schema: SpeedToLeadReport,
  },
  'GET /v1/reports/speed-to-lead/trend': {
    summary: 'Speed-to-lead median and p90 by week',
    tag: 'Reports',
    ok: 200,
    schema: SpeedTrendReport,
  },
  'GET /v1/reports/sla-compliance': {
    summary: 'SLA compliance per rep or per policy',
    tag: 'Reports',
    ok: 200,
    schema: SlaComplianceReport,
  },
  'GET /v1/reports/reasons': {
    summary: 'Disqualification and loss reasons',
    tag: 'Reports',
    ok: 200,
    schema: ReasonsReport,
  },
  'GET /v1/reports/funnel': {
    summary: 'Funnel by source or campaign',
    tag: 'Reports',
    ok: 200,
    schema: FunnelReport,
  },
  'GET /v1/reports/mql-target': {
    summary: 'MQL target against actual',
    tag: 'Reports',
    ok: 200,
    schema: MqlTargetReport,
  },
  'PUT /v1/reports/mql-target': { summary: 'Set the monthly MQL target', tag: 'Reports', ok: 200 },
  'GET /v1/manager/board': { summary: 'Team board', tag: 'Managers', ok: 200, schema: ManagerBoard },
  'GET /v1/manager/queue': {
    summary: "Managers' queue: unassigned, escalated, returned",
    tag: 'Managers',
    ok: 200,
    schema: ManagerQueue,
  },
  'GET /v1/manager/pools': {
    summary: 'Pools a lead can be reassigned to (id and name)',
    tag: 'Managers',
    ok: 200,
    schema: ManagerPools,
  },
  'GET /v1/manager/leads': {
    summary: 'Search leads by name, email, company or status',
    tag: 'Managers',
    ok: 200,
    schema: LeadSearchPage,
  },
  'GET /v1/admin/audit': { summary: 'Audit list: who changed what, when', tag: 'Admin', ok: 200, schema: AuditPage },
  'GET /v1/admin/criteria': { summary: 'The current criteria', tag: 'Admin', ok: 200, schema: CriteriaVersion },
  'PUT /v1/admin/criteria': {
    summary: 'Save criteria as a new version (202 with a job when applied to open leads)',
    tag: 'Admin',
    ok: 200,
    schema: saved,
  },
  'GET /v1/admin/criteria/jobs/:id': {
    summary: "A criteria job's progress",
    tag: 'Admin',
    ok: 200,
    schema: CriteriaJob,
  },
  'GET /v1/admin/criteria/versions': { summary: 'Criteria versions', tag: 'Admin', ok: 200 },
  'GET /v1/admin/criteria/versions/:version': {
    summary: 'One criteria version',
    tag: 'Admin',
    ok: 200,
    schema: CriteriaVersion,
  },
  'POST /v1/admin/criteria/versions/:version/restore': {
    summary: 'Restore a version as a new one',
    tag: 'Admin',
    ok: 201,
    schema: saved,
  },
  'POST /v1/admin/criteria/preview': {
    summary: 'Preview a criteria draft over stored leads',
    tag: 'Admin',
    ok: 200,
    schema: CriteriaPreview,
  },
  'POST /v1/admin/criteria/impact': {
    summary: 'What saving a draft would hand off now',
    tag: 'Admin',
    ok: 200,
    schema: z.object({ impact: HandOffImpact }),
  },
  'POST /v1/admin/import': { summary: 'CSV import of leads', tag: 'Admin', ok: 200, schema: ImportReport },
  'GET /v1/admin/sources': {
    summary: 'Intake sources',
    tag: 'Admin',
    ok: 200,
    schema: z.object({ sources: z.array(Source) }),
  },
  'POST /v1/admin/sources': {
    summary: 'Create an intake source (secret shown once)',
    tag: 'Admin',
    ok: 201,
    schema: z.object({ source: CreatedSource }),
  },
  'POST /v1/admin/sources/:key/rotate': { summary: "Rotate a source's secret", tag: 'Admin', ok: 200 },
  'DELETE /v1/admin/sources/:key': { summary: 'Delete an intake source', tag: 'Admin', ok: 204 },
  'POST /v1/admin/tokens': {
    summary: 'Issue a token (shown once)',
    tag: 'Admin',
    ok: 201,
    schema: IssuedTokenAnswer,
  },
  'GET /v1/admin/tokens': {
    summary: 'Tokens with last use',
    tag: 'Admin',
    ok: 200,
    schema: z.object({ tokens: z.array(TokenAnswer) }),
  },
  'DELETE /v1/admin/tokens/:id': { summary: 'Revoke a token', tag: 'Admin', ok: 204 },
  'POST /v1/admin/demo/seed': { summary: 'Dev only: seed the demo organisation', tag: 'Admin', ok: 201 },
  'GET /v1/admin/alerts': { summary: 'Alert deliveries', tag: 'Admin', ok: 200 },
  'POST /v1/admin/alerts/:id/retry': { summary: 'Retry a failed alert', tag: 'Admin', ok: 200 },
  ...at('/v1/admin/reps', crud('rep', rep, z.object({ reps: z.array(RepAnswer) }))),
  ...at('/v1/admin/calendars', crud('calendar', cal, z.object({ calendars: z.array(CalendarAnswer) }))),
  ...at('/v1/admin/pools', crud('pool', pool, z.object({ pools: z.array(PoolAnswer) }))),
  ...at('/v1/admin/routing-rules', crud('routing rule', rule, z.object({ rules: z.array(RoutingRuleAnswer) }))),
  ...at('/v1/admin/sla-policies', crud('SLA policy', policy, z.object({ policies: z.array(SlaPolicyAnswer) }))),
  ...at('/v1/admin/channels', crud('alert channel', channel, z.object({ channels: z.array(ChannelAnswer) }))),
  'POST /v1/admin/channels/:id/test': {
    summary: 'Send a test through a channel',
    tag: 'Admin',
    ok: 200,
    schema: ChannelTestAnswer,
  },
  'GET /v1/admin/accounts': { summary: 'Named accounts and their owners', tag: 'Admin', ok: 200 },
  'POST /v1/admin/accounts': { summary: 'Add or import named accounts', tag: 'Admin', ok: 201 },
  'DELETE /v1/admin/accounts/:domain': { summary: 'Remove a named account', tag: 'Admin', ok: 204 },
  'GET /v1/admin/settings/crm-hosts': { summary: "The org's CRM hosts", tag: 'Admin', ok: 200, schema: CrmHosts },
  'PUT /v1/admin/settings/crm-hosts': { summary: "Set the org's CRM hosts", tag: 'Admin', ok: 200, schema: CrmHosts },
  'GET /v1/admin/settings/managers-channel': { summary: "The managers' alert channel", tag: 'Admin', ok: 200 },
  'PUT /v1/admin/settings/managers-channel': { summary: "Set the managers' alert channel", tag: 'Admin', ok: 200 },
  'GET /v1/admin/retention': { summary: 'Retention settings', tag: 'Admin', ok: 200, schema: RetentionSettings },
  'PUT /v1/admin/retention': { summary: 'Set retention', tag: 'Admin', ok: 200, schema: RetentionSettings },
}
