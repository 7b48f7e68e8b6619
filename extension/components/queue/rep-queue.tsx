/**
 * The rep's side of the popup: open leads most urgent first with name, company, score and a live
 * countdown; a click opens the lead's page in the extension (its brief and actions, links to LinkedIn).
 * @module
 */
import { leadName } from '../../../shared/lead-name'
import { points } from '../../../shared/points'
import type { Queue } from '../../../shared/schemas/lead'
import { formatRemaining } from '../../../shared/time/sla'
import { clockOf, countsNow, stateAt } from '../../lib/sla'
import { useTicking } from '../use-ticking'
import { byUrgency } from './order'

export type RepQueueProps = {
  queue: Queue | null
  /** Why there is no queue (signed out, server down…), shown instead. */
  problem?: string | null
  now?: () => number
  /** Opens the lead's page (by id). */
  onOpen: (leadId: string) => void
}

const countdown = (lead: Queue['leads'][number], t: number) => {
  const state = stateAt(lead.sla, t)
  const { dueAt } = clockOf(lead.sla)
  if (state === 'met') return { state, text: 'touched' }
  if (state === 'none' || dueAt === null) return { state, text: 'no clock' }
  return { state, text: state === 'breached' ? formatRemaining(dueAt - t) : `${formatRemaining(dueAt - t)} left` }
}

/**
 * @example <RepQueue queue={queue} onOpen={(id) => openLeadPage(id)} />
 */
export const RepQueue = ({ queue, problem, now = Date.now, onOpen }: RepQueueProps) => {
  const t = useTicking(now)
  if (!queue) {
    return (
      <main class="queue">
        <p class="muted" role="status">
          {problem ?? 'Loading your queue…'}
        </p>
      </main>
    )
  }
  const leads = byUrgency(queue.leads, t)
  // The server's counts, moved on by the listed leads' crossings: the badge's own numbers.
  const counts = countsNow(queue, t)
  return (
    <main class="queue">
      <p class="queue-counts" data-testid="queue-counts">
        <span class={counts.overdue ? 'count red' : 'count'}>{counts.overdue} overdue</span> ·{' '}
        <span class={counts.dueSoon ? 'count amber' : 'count'}>{counts.dueSoon} due soon</span> · {counts.open} open
        {leads.length < counts.open ? ` (the ${leads.length} most urgent below)` : null}
      </p>
      {problem ? (
        <p class="muted" role="status">
          {problem}
        </p>
      ) : null}
      {leads.length === 0 ? <p class="muted">No leads waiting for a first touch.</p> : null}
      <ol class="queue-list">
        {leads.map((lead) => {
          const clock = countdown(lead, t)
          const name = leadName(lead)
          const body = (
            <>
              <span class="lead-name">
                <span>{name}</span>
                {lead.hot ? <span class="hot">Hot</span> : null}
              </span>
              <span class="lead-company">{lead.company.name ?? lead.company.domain ?? ''}</span>
              <span class="lead-score" title="Score">
                {points(lead.score.total)} pts
              </span>
              <span class={`clock clock--${clock.state}`} role="timer" data-state={clock.state}>
                {clock.text}
              </span>
            </>
          )
          return (
            <li key={lead.id} class="queue-item" data-lead={lead.id}>
              <button type="button" class="queue-open" onClick={() => onOpen(lead.id)}>
                {body}
              </button>
            </li>
          )
        })}
      </ol>
    </main>
  )
}
