import { leadName } from '../../../shared/lead-name'
import { points } from '../../../shared/points'
import { useState } from 'preact/hooks'
import type { Brief } from '../../../shared/schemas/lead'
import type { Failure } from '../../messaging'
import type { OverlayActions } from './lead-actions'
import { LeadPanel } from './lead-panel'
import { colleagueLine } from './colleague-line'
import { SlaClock } from './sla-clock'

export type { OverlayActions } from './lead-actions'

/** What the overlay shows: looking up, the lead, no lead here, or why it cannot say. */
export type OverlayState = { kind: 'loading' } | { kind: 'lead'; lead: Brief } | { kind: 'not_found' } | Failure

export type OverlayProps = {
  state: OverlayState
  expanded: boolean
  onToggle(expanded: boolean): void
  /** Show a quiet pill when the page is not a lead (else render nothing). */
  showNotALead: boolean
  actions: OverlayActions
  now?: () => number
}

/**
 * The overlay: a pill that expands into a panel with the brief and actions. Lead data is rendered
 * only as text (Preact escapes it).
 * @example <Overlay state={{ kind: 'lead', lead }} expanded onToggle={save} showNotALead={false} actions={actions} />
 */
export const Overlay = ({ state, expanded, onToggle, showNotALead, actions, now = Date.now }: OverlayProps) => {
  // The brief an action returned replaces the looked-up one until the next lookup (a new page) arrives.
  const [updated, setUpdated] = useState<{ after: OverlayState; lead: Brief } | null>(null)
  const lead = state.kind === 'lead' ? (updated?.after === state ? updated.lead : state.lead) : null

  if (state.kind === 'not_found') {
    if (!showNotALead) return null
    return (
      <div class="dock" data-testid="overlay" data-state="not_found">
        <span class="pill pill--quiet">Handoff: not a lead</span>
      </div>
    )
  }
  if (state.kind === 'loading') {
    return (
      <div class="dock" data-testid="overlay" data-state="loading">
        <span class="pill pill--quiet" aria-busy="true">
          Handoff…
        </span>
      </div>
    )
  }
  if (state.kind === 'forbidden' && state.owner) {
    // A colleague's lead: whose it is and whether it was met; no brief, no actions.
    return (
      <div class="dock" data-testid="overlay" data-state="colleague">
        <span class="pill pill--quiet" role="status" data-testid="colleague">
          {colleagueLine(state.owner, now())}
        </span>
      </div>
    )
  }
  if (state.kind !== 'lead') {
    return (
      <div class="dock" data-testid="overlay" data-state={state.kind}>
        <span class="pill pill--problem" role="status">
          {state.message}
        </span>
      </div>
    )
  }

  if (!lead) return null
  return (
    <div class="dock" data-testid="overlay" data-state="lead" data-lead-id={lead.id}>
      {expanded ? (
        <div class="panel" role="dialog" aria-label="Handoff lead brief">
          <LeadPanel
            lead={lead}
            now={now}
            actions={actions}
            onChange={(next) => setUpdated({ after: state, lead: next })}
            onCollapse={() => onToggle(false)}
          />
        </div>
      ) : (
        <button type="button" class="pill" aria-label="Expand lead brief" onClick={() => onToggle(true)}>
          <strong data-testid="pill-name">{leadName(lead)}</strong>{' '}
          <span class="score">{points(lead.score.total)}</span> <SlaClock sla={lead.sla} now={now} compact />
        </button>
      )}
    </div>
  )
}
