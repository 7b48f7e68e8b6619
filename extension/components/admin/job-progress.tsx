/**
 * The progress of the job a save or restore started over the open leads (`open_leads_now`): polled through
 * the background until it is done or failed, shown as a progress bar with what it has done so far.
 * @module
 */
import { useEffect, useState } from 'preact/hooks'
import type { CriteriaJob } from '../../../shared/schemas/intake'
import type { AdminApi, SavedVersion } from '../../messaging-admin'

export type JobProgressProps = {
  api: AdminApi
  job: NonNullable<SavedVersion['job']>
  /** Between polls (tests pass a few ms). */
  pollMs?: number
}

const n = (x: number) => x.toLocaleString('en-US')

/** The line under the bar for a job's state. */
export const jobLine = (job: Pick<CriteriaJob, 'status' | 'done' | 'total' | 'changed' | 'handedOff' | 'error'>) => {
  if (job.status === 'done') return `Done: ${n(job.changed)} changed, ${n(job.handedOff)} handed off`
  if (job.status === 'failed')
    return `Rescoring failed after ${n(job.done)} of ${n(job.total)} open leads: ${job.error ?? 'unknown error'}`
  return `Rescoring ${n(job.done)} of ${n(job.total)} open leads…`
}

/**
 * @example <JobProgress api={api} job={saved.job} />
 */
export const JobProgress = ({ api, job, pollMs = 1000 }: JobProgressProps) => {
  const [state, setState] = useState<CriteriaJob | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = async () => {
      const res = await api.getCriteriaJob(job.id)
      if (!live) return
      if (!res.ok) return setError(res.error.message)
      setState(res.data)
      if (res.data.status !== 'done' && res.data.status !== 'failed') timer = setTimeout(() => void poll(), pollMs)
    }
    void poll()
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [api, job.id, pollMs])

  const shown = state ?? { status: 'queued' as const, done: 0, total: job.total, changed: 0, handedOff: 0, error: null }
  const failed = shown.status === 'failed'
  return (
    <section class={`job-progress${failed ? ' failed' : ''}`} aria-label="Rescoring open leads">
      <progress
        max={Math.max(shown.total, 1)}
        value={shown.status === 'done' ? Math.max(shown.total, 1) : shown.done}
        aria-label="Open leads rescored"
      />
      <span class={failed ? 'field-error' : 'status'} role={failed ? 'alert' : 'status'} data-testid="job-line">
        {jobLine(shown)}
      </span>
      {error ? (
        <span class="field-error" role="alert">
          Could not read the job's progress: {error}
        </span>
      ) : null}
    </section>
  )
}
