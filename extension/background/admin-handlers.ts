/**
 * The background side of the admin popup: validates each admin message with zod, accepts it only from
 * the extension's own pages (never a content script), calls the worker through the shared API client and
 * answers with an `AdminResult`. The worker enforces the admin role; this only relays.
 * @module
 */
import { z } from 'zod'
import { Me } from '../../shared/schemas/auth'
import { CriteriaDocument, CriteriaVersion } from '../../shared/schemas/criteria'
import { CriteriaJob, HandOffImpact, PreviewSampleLead } from '../../shared/schemas/intake'
import type { PreviewLead } from '../admin/preview'
import { browser } from '../browser'
import {
  JobIdInput,
  PreviewSampleInput,
  SavedVersion,
  PutCriteriaInput,
  RestoreInput,
  VersionInput,
  VersionSummary,
  onAdminMessage,
  type AdminProtocol,
  type AdminResult,
} from '../messaging-admin'
import { attempt, invalid, unwrap } from './admin-results'
import type { ApiClient } from './api-client'
import { createConsoleHandler } from './console-handler'
import { createManagerHandler } from './manager-handler'

type Sender = { id?: string; url?: string }

const VersionAnswer = unwrap(CriteriaVersion, 'criteria', 'version')
const SavedAnswer = unwrap(SavedVersion, 'criteria')
const VersionsAnswer = unwrap(z.array(VersionSummary), 'versions', 'items')
const SampleAnswer = unwrap(z.array(PreviewSampleLead), 'sample')
const MeAnswer = unwrap(Me, 'me')
const ImpactAnswer = unwrap(HandOffImpact, 'impact')

type Handlers = {
  [K in keyof AdminProtocol]: (data: Parameters<AdminProtocol[K]>[0]) => Promise<ReturnType<AdminProtocol[K]>>
}

/**
 * The handlers as plain functions over an API client (tested without messaging).
 * @example const handlers = createAdminHandlers(api); await handlers.getCriteria(undefined)
 */
export const createAdminHandlers = (api: ApiClient): Handlers => ({
  adminRequest: createConsoleHandler(api),
  managerRequest: createManagerHandler(api),
  whoAmI: () => attempt(() => api.request('/v1/me', { schema: MeAnswer })),
  getCriteria: () => attempt(() => api.request('/v1/admin/criteria', { schema: VersionAnswer })),
  putCriteria: async (input) => {
    const parsed = PutCriteriaInput.safeParse(input)
    if (!parsed.success) return invalid(parsed.error.issues)
    const doc = CriteriaDocument.safeParse(parsed.data.document)
    if (!doc.success) return invalid(doc.error.issues)
    return attempt(() =>
      api.request('/v1/admin/criteria', {
        method: 'PUT',
        json: { document: doc.data, note: parsed.data.note, apply: parsed.data.apply },
        schema: SavedAnswer,
      }),
    )
  },
  listVersions: () => attempt(() => api.request('/v1/admin/criteria/versions', { schema: VersionsAnswer })),
  getVersion: async (version) => {
    const v = VersionInput.safeParse(version)
    if (!v.success) return invalid(v.error.issues)
    return attempt(() => api.request(`/v1/admin/criteria/versions/${v.data}`, { schema: VersionAnswer }))
  },
  restoreVersion: async (input) => {
    const v = RestoreInput.safeParse(input)
    if (!v.success) return invalid(v.error.issues)
    return attempt(() =>
      api.request(`/v1/admin/criteria/versions/${v.data.version}/restore`, {
        method: 'POST',
        json: { apply: v.data.apply },
        schema: SavedAnswer,
      }),
    )
  },
  criteriaImpact: async (document) => {
    const doc = CriteriaDocument.safeParse(document)
    if (!doc.success) return invalid(doc.error.issues)
    return attempt(() =>
      api.request('/v1/admin/criteria/impact', { method: 'POST', json: { document: doc.data }, schema: ImpactAnswer }),
    )
  },
  getCriteriaJob: async (id) => {
    const v = JobIdInput.safeParse(id)
    if (!v.success) return invalid(v.error.issues, 'Not a criteria job id')
    return attempt(() => api.request(`/v1/admin/criteria/jobs/${v.data}`, { schema: CriteriaJob }))
  },
  previewSample: async (input) => {
    const parsed = PreviewSampleInput.safeParse(input)
    if (!parsed.success) return invalid(parsed.error.issues)
    let document = parsed.data.document
    if (document === undefined) {
      const current = await attempt(() => api.request('/v1/admin/criteria', { schema: VersionAnswer }))
      if (!current.ok) return current
      document = current.data.document
    }
    const doc = CriteriaDocument.safeParse(document)
    if (!doc.success) return invalid(doc.error.issues)
    return attempt<PreviewLead[]>(() =>
      api.request(`/v1/admin/criteria/preview?limit=${parsed.data.limit}`, {
        method: 'POST',
        json: doc.data,
        schema: SampleAnswer,
      }),
    )
  },
})

/** Admin messages are only taken from the extension's own pages (popup, editor tab). */
export const isExtensionPage = (sender: Sender, base = browser.runtime.getURL('/')): boolean =>
  sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(base)

const refused: AdminResult<never> = {
  ok: false,
  error: {
    status: 403,
    code: 'forbidden',
    message: 'Admin messages are accepted from the extension pages only',
    issues: [],
  },
}

/**
 * Registers the admin message handlers in the background, on the background's one API client.
 * @example const { api } = startBackground(browser); registerAdminHandlers(api)
 */
export const registerAdminHandlers = (api: ApiClient): void => {
  const handlers = createAdminHandlers(api)
  for (const type of Object.keys(handlers) as Array<keyof AdminProtocol>) {
    const handle = handlers[type] as (data: unknown) => Promise<AdminResult<unknown>>
    onAdminMessage(type, ((message: { data: unknown; sender: Sender }) =>
      isExtensionPage(message.sender) ? handle(message.data) : refused) as never)
  }
}
