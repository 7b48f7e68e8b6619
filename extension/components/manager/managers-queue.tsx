import { useCallback, useEffect, useState } from 'preact/hooks'
import type { ManagerBoard, ManagerPools, ManagerQueue, QueueReason } from '../../../shared/schemas/manager'
import type { AdminApi, AdminFailure } from '../../messaging-admin'
import { formatDuration } from '../../manager/duration'
import { ReassignForm } from './reassign-form'

type Api = Pick<AdminApi, 'managerRequest'>

const SINCE: Record<QueueReason, string> = { unassigned: 'waiting', escalated: 'overdue', returned: 'returned' }

/**
 * "overdue 12 min": how long since the lead fell into the gap, by the worker's clock (the page's may be off);
 * the exact time is the tooltip.
 */
const waited = (reason: QueueReason, now: string, since: string) =>
  `${SINCE[reason]} ${formatDuration(Date.parse(now) - Date.parse(since))}${reason === 'returned' ? ' ago' : ''}`

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
                <div class="queue-row">
                  <span class={`reason ${item.reason}`}>{item.reason}</span>
                  <span class="who">
                    <strong>{item.lead.name ?? item.lead.email}</strong>
                    {item.lead.company && ` · ${item.lead.company}`}
                  </span>
                  <span class="waits" title={new Date(item.since).toLocaleString()}>
                    {waited(item.reason, queue.now, item.since)}
                    {item.lead.assignee && ` · with ${item.lead.assignee.name}`}
                  </span>
                  <button type="button" onClick={() => setOpen(open === item.lead.id ? null : item.lead.id)}>
                    Reassign…
                  </button>
                </div>
                {open === item.lead.id && (
                  <ReassignForm
                    api={api}
                    lead={item.lead}
                    reps={reps}
                    pools={pools}
                    done={(result) => {
                      setOpen(null)
                      setNotice(`Reassigned ${item.lead.name ?? item.lead.email} to ${result.assignment.repName}`)
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
