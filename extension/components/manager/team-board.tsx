import { useEffect, useState } from 'preact/hooks'
import type { ManagerBoard } from '../../../shared/schemas/manager'
import { formatDuration } from '../../manager/duration'
import type { AdminApi, AdminFailure } from '../../messaging-admin'

const REFRESH_MS = 30_000

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)} %`)

/**
 * The team board: every rep's open / due-soon / overdue, first-touch medians, SLA, capacity, out-of-office;
 * refreshed every 30 s. An overdue count opens the managers' queue, where those leads wait as escalated with
 * their Reassign action.
 */
export const TeamBoard = ({
  api,
  onOpenQueue,
}: {
  api: Pick<AdminApi, 'managerRequest'>
  onOpenQueue?: () => void
}) => {
  const [board, setBoard] = useState<ManagerBoard | null>(null)
  const [error, setError] = useState<AdminFailure | null>(null)
  useEffect(() => {
    let live = true
    const load = async () => {
      const res = await api.managerRequest({ kind: 'get', name: 'board' })
      if (!live) return
      if (res.ok) {
        setBoard(res.data as ManagerBoard)
        setError(null)
      } else setError(res.error)
    }
    void load()
    const timer = setInterval(() => void load(), REFRESH_MS)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [api])
  return (
    <section aria-label="Team board">
      {error && (
        <p role="alert" class="error">
          {error.message}
        </p>
      )}
      {!board && !error && <p>Loading…</p>}
      {board && (
        <table class="data board">
          <caption>
            {board.totals.open} open · {board.totals.dueSoon} due soon · {board.totals.overdue} overdue
          </caption>
          <thead>
            <tr>
              <th scope="col">Rep</th>
              <th scope="col">Open</th>
              <th scope="col">Due soon</th>
              <th scope="col">Overdue</th>
              <th scope="col">First touch today</th>
              <th scope="col">First touch this week</th>
              <th scope="col">SLA this week</th>
              <th scope="col">Capacity</th>
              <th scope="col">Out of office</th>
            </tr>
          </thead>
          <tbody>
            {board.reps.map((r) => (
              <tr key={r.rep.id}>
                <th scope="row">
                  {r.rep.name}
                  {!r.rep.active && ' (inactive)'}
                </th>
                <td>{r.counts.open}</td>
                <td class={r.counts.dueSoon ? 'due-soon' : undefined}>{r.counts.dueSoon}</td>
                <td class={r.counts.overdue ? 'overdue' : undefined}>
                  {r.counts.overdue && onOpenQueue ? (
                    <button
                      type="button"
                      class="link"
                      aria-label={`${r.counts.overdue} overdue for ${r.rep.name}: open the managers' queue`}
                      onClick={onOpenQueue}
                    >
                      {r.counts.overdue}
                    </button>
                  ) : (
                    r.counts.overdue
                  )}
                </td>
                <td>{formatDuration(r.firstTouch.today.medianMs)}</td>
                <td>{formatDuration(r.firstTouch.week.medianMs)}</td>
                <td>
                  {r.sla.met + r.sla.breached === 0
                    ? '—'
                    : `${percent(r.sla.complianceRate)} (${r.sla.met}/${r.sla.met + r.sla.breached})`}
                </td>
                <td>
                  {r.capacity.open}/{r.capacity.max ?? '∞'}
                  {r.capacity.full && ' full'}
                </td>
                <td>
                  {r.outOfOffice.now
                    ? 'Away'
                    : r.outOfOffice.range
                      ? `From ${r.outOfOffice.range.start.slice(0, 10)}`
                      : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
