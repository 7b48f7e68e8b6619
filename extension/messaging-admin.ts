/**
 * Typed messages between the popup/editor/console pages and the background for the admin screens.
 * Every answer is an `AdminResult`: failures travel as data (status, code, issues), so the editor can put
 * a worker 422 next to the right fields.
 * @module
 */
import { defineExtensionMessaging } from '@webext-core/messaging'
import { z } from 'zod'
import { Me } from '../shared/schemas/auth'
import { CriteriaDocument, CriteriaVersion } from '../shared/schemas/criteria'
import { ErrorIssue } from '../shared/schemas/errors'
import { CriteriaApply, type CriteriaJob, type HandOffImpact } from '../shared/schemas/intake'
import type { ConsoleRequest } from './admin/console-resources'
import type { PreviewLead } from './admin/preview'
import type { ManagerRequest } from './manager/manager-requests'

/** An API failure as the popup sees it (`status` 0: no answer from the server). */
export type AdminFailure = { status: number; code: string; message: string; issues: ErrorIssue[] }
export type AdminResult<T> = { ok: true; data: T } | { ok: false; error: AdminFailure }

/** A row of the history (`GET /v1/admin/criteria/versions`); the document may be left out of lists. */
export const VersionSummary = CriteriaVersion.extend({ document: CriteriaDocument.optional() })
export type VersionSummary = z.infer<typeof VersionSummary>

/**
 * A save or restore: the new version, and the background job rescoring open leads (`open_leads_now`: the
 * worker answered 202 with it), else null.
 */
export const SavedVersion = CriteriaVersion.extend({
  job: z.object({ id: z.string(), total: z.number().int() }).nullable().catch(null),
})
export type SavedVersion = z.infer<typeof SavedVersion>

/** Inputs checked by the background before anything is sent. */
export const JobIdInput = z.string().regex(/^cjob_[A-Za-z0-9_-]{1,64}$/)
// `apply` is required: the save dialog always says which one the admin chose, so the worker's default never decides.
export const PutCriteriaInput = z.object({
  document: z.unknown(),
  note: z.string().trim().min(1).max(1000),
  apply: CriteriaApply,
})
export const VersionInput = z.number().int().min(1)
export const RestoreInput = z.object({ version: VersionInput, apply: CriteriaApply })
export const PreviewSampleInput = z.object({
  limit: z.number().int().min(1).max(5000),
  document: z.unknown().optional(),
})

export type AdminProtocol = {
  /** The admin console's one message for all its resources (typed per resource by `admin/console-client.ts`). */
  adminRequest(request: ConsoleRequest): AdminResult<unknown>
  /** The managers' page's one message (board, queue, search, reports, reassign); manager/admin tokens only. */
  managerRequest(request: ManagerRequest): AdminResult<unknown>
  whoAmI(): AdminResult<Me>
  getCriteria(): AdminResult<CriteriaVersion>
  putCriteria(input: { document: CriteriaDocument; note: string; apply: CriteriaApply }): AdminResult<SavedVersion>
  listVersions(): AdminResult<VersionSummary[]>
  getVersion(version: number): AdminResult<CriteriaVersion>
  restoreVersion(input: { version: number; apply: CriteriaApply }): AdminResult<SavedVersion>
  /** What saving this document over the open leads now would do (`POST /v1/admin/criteria/impact`). */
  criteriaImpact(document: CriteriaDocument): AdminResult<HandOffImpact>
  /** A criteria job's progress (`GET /v1/admin/criteria/jobs/:id`), polled after a save or restore. */
  getCriteriaJob(id: string): AdminResult<CriteriaJob>
  previewSample(input: { limit: number; document?: CriteriaDocument }): AdminResult<PreviewLead[]>
}

export const { sendMessage: sendAdminMessage, onMessage: onAdminMessage } = defineExtensionMessaging<AdminProtocol>()

/** What the admin UI calls: one promise per protocol message (the pages pass `messagingAdminApi`, tests a fake). */
export type AdminApi = {
  [K in keyof AdminProtocol]: (...args: Parameters<AdminProtocol[K]>) => Promise<ReturnType<AdminProtocol[K]>>
}

const noAnswer = (err: unknown): AdminResult<never> => ({
  ok: false,
  error: {
    status: 0,
    code: 'no_answer',
    message: err instanceof Error ? err.message : 'The extension did not answer',
    issues: [],
  },
})

const send =
  <K extends keyof AdminProtocol>(type: K) =>
  async (...args: Parameters<AdminProtocol[K]>): Promise<ReturnType<AdminProtocol[K]>> => {
    try {
      return await (sendAdminMessage as (t: K, d?: unknown) => Promise<ReturnType<AdminProtocol[K]>>)(type, args[0])
    } catch (err) {
      return noAnswer(err) as ReturnType<AdminProtocol[K]>
    }
  }

/**
 * The admin API over extension messaging (popup and editor pages).
 * @example const me = await messagingAdminApi.whoAmI(); if (me.ok && me.data.role === 'admin') …
 */
export const messagingAdminApi: AdminApi = {
  adminRequest: send('adminRequest'),
  managerRequest: send('managerRequest'),
  whoAmI: send('whoAmI'),
  getCriteria: send('getCriteria'),
  putCriteria: send('putCriteria'),
  listVersions: send('listVersions'),
  getVersion: send('getVersion'),
  restoreVersion: send('restoreVersion'),
  criteriaImpact: send('criteriaImpact'),
  getCriteriaJob: send('getCriteriaJob'),
  previewSample: send('previewSample'),
}
