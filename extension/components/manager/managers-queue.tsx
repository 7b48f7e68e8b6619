import { useCallback, useEffect, useState } from 'preact/hooks'
import type { ManagerBoard, ManagerQueue, ManagerQueueItem } from '../../../shared/schemas/manager'
import type { AdminApi, AdminFailure } from '../../messaging-admin'

type Api = Pick<AdminApi, 'managerRequest'>

const ReassignForm = ({
  api,
  item,
  reps,
  done,
}: {
  api: Api
  item: ManagerQueueItem
  reps: ManagerBoard['reps']
  done: () => void
}) => {
  const [target, setTarget] = useState('')
  const [pool, setPool] = useState('')
  const [reason, setReason] = useState('')
  const [error, setError] = useState<AdminFailure | null>(null)
  const submit = async (e: Event) => {
    e.preventDefault()
    const body = pool.trim() ? { poolId: pool.trim(), reason } : { repId: target, reason }
    const res = await api.managerRequest({ kind: 'reassign', leadId: item.lead.id, body })
    if (res.ok) done()
    else setError(res.error)
  }
  const label = item.lead.name ?? item.lead.email
  return (
    <form aria-label={`Reassign ${label}`} onSubmit={(e) => void submit(e)}>
      <label>
        Rep
        <select value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
          <option value="">Choose a rep…</option>
          {reps
            .filter((r) => r.rep.active)
            .map((r) => (
              <option key={r.rep.id} value={r.rep.id}>
                {r.rep.name}
              </option>
            ))}
        </select>
      </label>
      <label>
        or pool id
        <input value={pool} onInput={(e) => setPool(e.currentTarget.value)} />
      </label>
      <label>
        Reason
        <input required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
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

/** The managers' queue: unassigned, escalated and returned leads, each with a Reassign action (rep or pool, and a reason). */
export const ManagersQueue = ({ api }: { api: Api }) => {
  const [queue, setQueue] = useState<ManagerQueue | null>(null)
  const [reps, setReps] = useState<ManagerBoard['reps']>([])
  const [error, setError] = useState<AdminFailure | null>(null)
  const [open, setOpen] = useState<string | null>(null)
  const [notice, setNotice] = useState('')
  const load = useCallback(async () => {
    const [q, b] = await Promise.all([
      api.managerRequest({ kind: 'get', name: 'queue' }),
      api.managerRequest({ kind: 'get', name: 'board' }),
    ])
    if (q.ok) {
      setQueue(q.data as ManagerQueue)
      setError(null)
    } else setError(q.error)
    if (b.ok) setReps((b.data as ManagerBoard).reps)
  }, [api])
  useEffect(() => void load(), [load])
  return (
    <section aria-label="Managers' queue">
      {error && (
        <p role="alert" class="error">
          {error.message}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
      {queue && (
        <>
          <p>
            {queue.counts.unassigned} unassigned · {queue.counts.escalated} escalated · {queue.counts.returned} returned
          </p>
          {queue.items.length === 0 && <p>Nothing waits for a manager.</p>}
          <ul class="manager-queue">
            {queue.items.map((item) => (
              <li key={`${item.reason}-${item.lead.id}`}>
                <strong>{item.lead.name ?? item.lead.email}</strong> {item.lead.company && `· ${item.lead.company}`} ·{' '}
                {item.reason} since {new Date(item.since).toLocaleString()}
                {item.lead.assignee && ` · with ${item.lead.assignee.name}`}{' '}
                <button type="button" onClick={() => setOpen(open === item.lead.id ? null : item.lead.id)}>
                  Reassign…
                </button>
                {open === item.lead.id && (
                  <ReassignForm
                    api={api}
                    item={item}
                    reps={reps}
                    done={() => {
                      setOpen(null)
                      setNotice(`Reassigned ${item.lead.name ?? item.lead.email}`)
                      void load()
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
