/**
 * The inline Reassign form of the managers' queue: one list of the reps who take leads and of the pools (whose
 * round robin picks someone other than the current holder), and a reason that goes into the journey.
 * @module
 */
import { useState } from 'preact/hooks'
import type { LeadSummary, ManagerBoard, ManagerPools, ReassignResult } from '../../../shared/schemas/manager'
import type { AdminApi, AdminFailure } from '../../messaging-admin'

type Api = Pick<AdminApi, 'managerRequest'>

/** `rep:<id>` or `pool:<id>`: one select holds both kinds of target. */
const body = (target: string, reason: string) =>
  target.startsWith('pool:') ? { poolId: target.slice(5), reason } : { repId: target.slice(4), reason }

export type ReassignFormProps = {
  api: Api
  lead: LeadSummary
  reps: ManagerBoard['reps']
  pools: ManagerPools['pools']
  /** Called with the worker's answer: who has the lead now (a pool's pick is only known here). */
  done: (result: ReassignResult) => void
}

/**
 * @example <ReassignForm api={api} lead={item.lead} reps={board.reps} pools={pools} done={reload} />
 */
export const ReassignForm = ({ api, lead, reps, pools, done }: ReassignFormProps) => {
  const [target, setTarget] = useState('')
  const [reason, setReason] = useState('')
  const [error, setError] = useState<AdminFailure | null>(null)
  const submit = async (e: Event) => {
    e.preventDefault()
    const res = await api.managerRequest({ kind: 'reassign', leadId: lead.id, body: body(target, reason) })
    if (res.ok) done(res.data as ReassignResult)
    else setError(res.error)
  }
  // The current holder is no target: the worker would answer 409.
  const choices = reps.filter((r) => r.rep.active && r.rep.id !== lead.assignee?.id)
  return (
    <form aria-label={`Reassign ${lead.name ?? lead.email}`} onSubmit={(e) => void submit(e)}>
      <label>
        Reassign to
        <select required value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
          <option value="">Choose a rep or a pool…</option>
          <optgroup label="Reps">
            {choices.map((r) => (
              <option key={r.rep.id} value={`rep:${r.rep.id}`}>
                {r.rep.name}
                {r.capacity.full ? ' (full)' : ''}
                {r.outOfOffice.now ? ' (away)' : ''}
              </option>
            ))}
          </optgroup>
          {pools.length > 0 && (
            <optgroup label="Pools (round robin)">
              {pools.map((p) => (
                <option key={p.id} value={`pool:${p.id}`}>
                  {p.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <label class="reason-text">
        Reason
        <input required maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button type="submit">Reassign</button>
      {error && (
        <p role="alert" class="error">
          {error.issues[0]?.message ?? error.message}
        </p>
      )}
    </form>
  )
}
