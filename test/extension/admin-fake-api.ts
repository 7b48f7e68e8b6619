/**
 * An in-memory admin API for the editor's component tests: versions, saves, restores, a preview sample.
 * @module
 */
import { vi } from 'vitest'
import { CriteriaDocument, type CriteriaVersion } from '../../shared/schemas/criteria'
import type { Me } from '../../shared/schemas/auth'
import type { PreviewLead } from '../../extension/admin/preview'
import type { CriteriaApply, CriteriaJob, HandOffImpact } from '../../shared/schemas/intake'
import type { AdminApi, AdminFailure, AdminResult } from '../../extension/messaging-admin'
import { NOW } from './admin-fixtures'

/** A job's progress as the fake reports it, one step per poll. */
export type JobStep = Pick<CriteriaJob, 'status' | 'done' | 'changed' | 'handedOff'> & { error?: string | null }

export type FakeAdminApi = AdminApi & {
  versions: CriteriaVersion[]
  failNextPut: (error: AdminFailure) => void
  /** The next save or restore with `open_leads_now` starts a job over `total` open leads whose polls answer `steps`. */
  startJobNext: (total: number, steps: JobStep[]) => void
  /** What `criteriaImpact` answers from now on (a failure: every impact request fails with it). */
  setImpact: (impact: HandOffImpact | AdminFailure) => void
}

/** Seven of 120 open leads reach the hand-off bar (the issue's example). */
export const IMPACT: HandOffImpact = { openLeads: 120, changed: 9, handOffs: 7, alerts: 7, leadIds: [] }

export const createFakeAdminApi = (
  first: CriteriaDocument,
  sample: PreviewLead[],
  me: Me = { role: 'admin', name: 'Ops', rep: null },
): FakeAdminApi => {
  const versions: CriteriaVersion[] = [
    {
      version: 1,
      document: first,
      note: 'initial',
      author: 'bootstrap admin',
      createdAt: new Date(NOW - 86_400_000).toISOString(),
      restoredFrom: null,
    },
  ]
  let nextPutError: AdminFailure | null = null
  let nextJob: { total: number; steps: JobStep[] } | null = null
  let impact: HandOffImpact | AdminFailure = IMPACT
  const jobs = new Map<string, { total: number; steps: JobStep[]; polls: number }>()
  /** The job a save or restore answers with (null, as the worker's: `new_activity_only`, or no job set up). */
  const jobFor = (apply: CriteriaApply) => {
    if (!nextJob || apply === 'new_activity_only') return null
    const id = `cjob_${jobs.size + 1}`
    jobs.set(id, { ...nextJob, polls: 0 })
    const job = { id, total: nextJob.total }
    nextJob = null
    return job
  }
  const ok = <T>(data: T): AdminResult<T> => ({ ok: true, data: structuredClone(data) })
  const latest = () => versions[versions.length - 1] as CriteriaVersion
  const add = (document: CriteriaDocument, note: string | null, restoredFrom: number | null) => {
    const v = {
      version: latest().version + 1,
      document,
      note,
      author: 'Ops',
      createdAt: new Date(NOW).toISOString(),
      restoredFrom,
    }
    versions.push(v)
    return v
  }
  return {
    versions,
    failNextPut: (error) => {
      nextPutError = error
    },
    startJobNext: (total, steps) => {
      nextJob = { total, steps }
    },
    setImpact: (next) => {
      impact = next
    },
    whoAmI: vi.fn(async () => ok(me)),
    getCriteria: vi.fn(async () => ok(latest())),
    putCriteria: vi.fn(async ({ document, note, apply }) => {
      if (nextPutError) {
        const error = nextPutError
        nextPutError = null
        return { ok: false as const, error }
      }
      return ok({ ...add(CriteriaDocument.parse(document), note, null), job: jobFor(apply) })
    }),
    listVersions: vi.fn(async () => ok(versions.map(({ document: _doc, ...rest }) => rest))),
    getVersion: vi.fn(async (n: number) => {
      const v = versions.find((x) => x.version === n)
      return v
        ? ok(v)
        : { ok: false as const, error: { status: 404, code: 'not_found', message: 'No such version', issues: [] } }
    }),
    restoreVersion: vi.fn(async ({ version: n, apply }: { version: number; apply: CriteriaApply }) => {
      const v = versions.find((x) => x.version === n)
      if (!v)
        return { ok: false as const, error: { status: 404, code: 'not_found', message: 'No such version', issues: [] } }
      return ok({ ...add(v.document, `Restored v${n}`, n), job: jobFor(apply) })
    }),
    criteriaImpact: vi.fn(async () => ('openLeads' in impact ? ok(impact) : { ok: false as const, error: impact })),
    getCriteriaJob: vi.fn(async (id: string) => {
      const job = jobs.get(id)
      if (!job)
        return { ok: false as const, error: { status: 404, code: 'not_found', message: 'No such job', issues: [] } }
      const step = job.steps[Math.min(job.polls++, job.steps.length - 1)]!
      return ok({
        id,
        version: latest().version,
        total: job.total,
        error: null,
        createdAt: new Date(NOW).toISOString(),
        updatedAt: new Date(NOW).toISOString(),
        ...step,
      })
    }),
    previewSample: vi.fn(async () => ok(sample)),
    // The console's message; the console tests use their own fake (console-fake-api.ts).
    adminRequest: vi.fn(async () => ({
      ok: false as const,
      error: { status: 404, code: 'not_found', message: 'Not in this fake', issues: [] },
    })),
    // The managers' page message; not used by the popup or editor tests.
    managerRequest: vi.fn(async () => ({
      ok: false as const,
      error: { status: 404, code: 'not_found', message: 'Not in this fake', issues: [] },
    })),
  }
}
