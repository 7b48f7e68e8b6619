/**
 * The managers' page's one message, `managerRequest`: a named report or list, with its query, or a
 * reassignment. The background checks it against `MANAGER_ROUTES` (path, query and body schemas from
 * `shared/schemas`) so the page can reach only these worker paths.
 * @module
 */
import { z } from 'zod'
import { LeadSearchPage, LeadSearchQuery, ManagerBoard, ManagerPools, ManagerQueue } from '../../shared/schemas/manager'
import {
  FunnelQuery,
  FunnelReport,
  MqlTargetReport,
  ReasonsQuery,
  ReasonsReport,
  ReportRange,
  SlaComplianceQuery,
  SlaComplianceReport,
  SpeedToLeadQuery,
  SpeedToLeadReport,
  SpeedTrendQuery,
  SpeedTrendReport,
} from '../../shared/schemas/reports'

type Route = { path: string; query?: z.ZodType; answer: z.ZodType }

/** Every GET the managers' page may make, by name. */
export const MANAGER_ROUTES = {
  board: { path: '/v1/manager/board', answer: ManagerBoard },
  queue: { path: '/v1/manager/queue', answer: ManagerQueue },
  pools: { path: '/v1/manager/pools', answer: ManagerPools },
  leads: { path: '/v1/manager/leads', query: LeadSearchQuery, answer: LeadSearchPage },
  speedToLead: { path: '/v1/reports/speed-to-lead', query: SpeedToLeadQuery, answer: SpeedToLeadReport },
  speedTrend: { path: '/v1/reports/speed-to-lead/trend', query: SpeedTrendQuery, answer: SpeedTrendReport },
  slaCompliance: { path: '/v1/reports/sla-compliance', query: SlaComplianceQuery, answer: SlaComplianceReport },
  funnel: { path: '/v1/reports/funnel', query: FunnelQuery, answer: FunnelReport },
  reasons: { path: '/v1/reports/reasons', query: ReasonsQuery, answer: ReasonsReport },
  mqlTarget: { path: '/v1/reports/mql-target', query: ReportRange, answer: MqlTargetReport },
} satisfies Record<string, Route>

export type ManagerRouteName = keyof typeof MANAGER_ROUTES

const names = Object.keys(MANAGER_ROUTES) as [ManagerRouteName, ...ManagerRouteName[]]

export const ManagerRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('get'), name: z.enum(names), query: z.record(z.string(), z.unknown()).optional() }),
  z.object({ kind: z.literal('reassign'), leadId: z.string().trim().min(1).max(200), body: z.unknown() }),
])
export type ManagerRequest = z.infer<typeof ManagerRequest>
