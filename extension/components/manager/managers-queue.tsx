import { useCallback, useEffect, useState } from 'preact/hooks'
import type { ManagerBoard, ManagerPools, ManagerQueue } from '../../../shared/schemas/manager'
import type { AdminApi, AdminFailure } from '../../messaging-admin'
import { ReassignForm } from './reassign-form'

type Api = Pick<AdminApi, 'managerRequest'>

/** The managers' queue: unassigned, escalated and returned leads, each with a Reassign action (rep or pool, and a reason). */
export const ManagersQueue = ({ api }: { api: Api }) => {
  const [queue, setQueue] = useState<ManagerQueue | null>(null)
  const [reps, setReps] = useState<ManagerBoard['reps']>([])
  const [pools, setPools] = useState<ManagerPools['pools']>([])
  const [error, setError] = useState<AdminFailure | null>(null)
  const [open, setOpen] = useState<string | null>(null)
  const [notice, setNotice] = useState('')
  const load = useCallback(async () => {
    const [q, b, p] = await Promise.all([
      api.managerRequest({ kind: 'get', name: 'queue' }),
      api.managerRequest({ kind: 'get', name: 'board' }),
      api.managerRequest({ kind: 'get', name: 'pools' }),
    ])
    if (q.ok) {
      setQueue(q.data as ManagerQueue)
      setError(null)
    } else setError(q.error)
    if (b.ok) setReps((b.data as ManagerBoard).reps)
    if (p.ok) setPools((p.data as ManagerPools).pools)
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
                    lead={item.lead}
                    reps={reps}
                    pools={pools}
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
