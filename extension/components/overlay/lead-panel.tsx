import { isIn, WORKABLE } from '../../../shared/lead-status-sets'
import { leadName } from '../../../shared/lead-name'
import type { Brief } from '../../../shared/schemas/lead'
import { whyNowParts } from '../../lib/why-now'
import { LeadActions, type OverlayActions } from './lead-actions'
import { LeadContact } from './lead-contact'
import { LeadDetails } from './lead-details'
import { SlaClock } from './sla-clock'

export const STATUS_LABEL: Record<Brief['status'], string> = {
  new: 'New',
  mql: 'MQL',
  sql: 'SQL',
  assigned: 'Assigned',
  contacted: 'Contacted',
  accepted: 'Accepted',
  disqualified: 'Disqualified',
  recycled: 'Recycled',
  converted: 'Converted',
  won: 'Won',
  lost: 'Lost',
}

/** "200 employees · Software · DE": what a rep sizes the account by. */
const companyFacts = (lead: Brief) =>
  [
    lead.company.employees ? `${lead.company.employees.toLocaleString('en-US')} employees` : null,
    lead.company.industry,
    lead.company.country,
  ]
    .filter(Boolean)
    .join(' · ')

/**
 * One lead's brief, first screen first: who and how to reach them, why now, the clock, the actions; then
 * the score, timeline, signals and what they told us. The overlay and the extension's lead page both show it.
 * @example <LeadPanel lead={lead} now={Date.now} actions={actions} onChange={setLead} />
 */
export const LeadPanel = ({
  lead,
  now,
  actions,
  onChange,
  onCollapse,
}: {
  lead: Brief
  now: () => number
  actions: OverlayActions
  onChange(lead: Brief): void
  /** The overlay's collapse button; the lead page has none. */
  onCollapse?: () => void
}) => {
  const why = whyNowParts(lead, now())
  const facts = companyFacts(lead)
  // Hot and "why now" are calls to act: on a closed lead they would shout about something already done.
  const open = isIn(WORKABLE, lead.status)
  return (
    <>
      <header>
        <div>
          <h2>
            <span data-testid="lead-name">{leadName(lead)}</span>
            {lead.hot && open ? (
              <span class="hot" data-testid="hot">
                Hot
              </span>
            ) : null}
          </h2>
          <p class="muted">{[lead.title, lead.company.name].filter(Boolean).join(' · ')}</p>
          {facts ? <p class="muted small">{facts}</p> : null}
        </div>
        {onCollapse ? (
          <button type="button" class="icon" aria-label="Collapse" onClick={onCollapse}>
            ▾
          </button>
        ) : null}
      </header>
      <LeadContact lead={lead} />
      {why.length ? (
        <p class={open ? 'why-now' : 'why-now why-now--past'} data-testid="why-now-line">
          {why.join(' · ')}
        </p>
      ) : null}
      <p class="status-line">
        <span class={`status status--${lead.status}`} data-testid="status">
          {STATUS_LABEL[lead.status]}
        </span>
        <SlaClock sla={lead.sla} now={now} />
      </p>
      <LeadActions lead={lead} actions={actions} onChange={onChange} />
      <LeadDetails lead={lead} />
    </>
  )
}
