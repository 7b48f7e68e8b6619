/**
 * The popup queue's tabs: "To contact" (the leads awaiting a first touch, with their countdowns), "Follow
 * up" (touched or accepted leads still being worked, longest without news first) and "Closed today". The
 * last two come in the server's order and show where each lead stands instead of a clock.
 * @module
 */
import { leadName } from '../../../shared/lead-name'
import type { Brief, QueueView } from '../../../shared/schemas/lead'
import { ago } from '../../lib/why-now'
import { STATUS_LABEL } from '../overlay/lead-panel'

const TABS: { view: QueueView; label: string }[] = [
  { view: 'to_contact', label: 'To contact' },
  { view: 'follow_up', label: 'Follow up' },
  { view: 'closed_today', label: 'Closed today' },
]

/**
 * The tab bar, each tab with its count once known ("To contact 4").
 * @example <QueueTabBar view={view} onView={setView} counts={{ to_contact: '4', follow_up: '2' }} />
 */
export const QueueTabBar = ({
  view,
  onView,
  counts = {},
}: {
  view: QueueView
  onView: (view: QueueView) => void
  counts?: Partial<Record<QueueView, string>>
}) => (
  <div class="queue-tabs" role="tablist" aria-label="Queue">
    {TABS.map((t) => (
      <button
        key={t.view}
        type="button"
        role="tab"
        aria-selected={t.view === view}
        class={t.view === view ? 'queue-tab queue-tab--on' : 'queue-tab'}
        onClick={() => onView(t.view)}
      >
        {t.label}
        {counts[t.view] !== undefined ? (
          <>
            {' '}
            <span class="tab-count" data-testid={`count-${t.view}`}>
              {counts[t.view]}
            </span>
          </>
        ) : null}
      </button>
    ))}
  </div>
)

const EMPTY: Record<Exclude<QueueView, 'to_contact'>, string> = {
  follow_up: 'Nothing to follow up: every lead you touched is closed.',
  closed_today: 'Nothing closed yet today.',
}

/** "Contacted · first touch 2 days ago", "Won · 2 h ago": where the lead stands, in words. */
const standing = (view: TabLeadsProps['view'], lead: Brief, now: number): string => {
  const label = STATUS_LABEL[lead.status]
  // A closed lead's last change is its outcome.
  if (view === 'closed_today') return `${label} · ${ago(Date.parse(lead.updatedAt), now)}`
  if (lead.sla.metAt) return `${label} · first touch ${ago(Date.parse(lead.sla.metAt), now)}`
  return `${label} · not touched yet`
}

export type TabLeadsProps = {
  view: Exclude<QueueView, 'to_contact'>
  leads: Brief[]
  now: number
  onOpen: (leadId: string) => void
}

/**
 * The leads of "Follow up" or "Closed today", in the server's order.
 * @example <TabLeads view="follow_up" leads={queue.leads} now={Date.now()} onOpen={openLead} />
 */
export const TabLeads = ({ view, leads, now, onOpen }: TabLeadsProps) => {
  if (leads.length === 0) return <p class="muted">{EMPTY[view]}</p>
  return (
    <ol class="queue-list" role="tabpanel">
      {leads.map((lead) => (
        <li key={lead.id} class="queue-item" data-lead={lead.id}>
          <button type="button" class="queue-open" onClick={() => onOpen(lead.id)}>
            <span class="lead-name">{leadName(lead)}</span>
            <span class="lead-company">{lead.company.name ?? lead.company.domain ?? ''}</span>
            <span class={`lead-standing lead-standing--${lead.status}`}>{standing(view, lead, now)}</span>
          </button>
        </li>
      ))}
    </ol>
  )
}
