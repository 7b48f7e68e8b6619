import { useEffect, useState } from 'preact/hooks'
import type { Brief } from '../../../shared/schemas/lead'
import type { LookupResult } from '../../messaging'
import type { OverlayActions } from './lead-actions'
import { colleagueLine } from './colleague-line'
import { LeadPanel } from './lead-panel'

/** Failures the options page is the way out of (the message says which setting to check). */
const SETTINGS_PROBLEM = new Set(['unconfigured', 'signed_out', 'server_down'])

/** Lead ids as the server makes them; anything else in the URL is not looked up. */
const LEAD_ID = /^[A-Za-z0-9_-]{1,100}$/

/**
 * The extension's page for one lead (`lead.html?id=…`), opened from the popup queue and from notifications:
 * the same brief as the overlay, full size, for leads with no LinkedIn or CRM page too.
 * @example <LeadPage leadId="lead_1" getLead={(id) => sendMessage('getLead', { leadId: id })} actions={actions} />
 */
export const LeadPage = ({
  leadId,
  getLead,
  actions,
  now = Date.now,
  openOptions,
}: {
  leadId: string | null
  getLead(leadId: string): Promise<LookupResult>
  actions: OverlayActions
  now?: () => number
  /** Opens the options page: the next step when the extension is not set up, signed out or cannot reach its server. */
  openOptions?: () => void
}) => {
  const valid = leadId !== null && LEAD_ID.test(leadId)
  const [result, setResult] = useState<LookupResult | { kind: 'loading' }>({ kind: 'loading' })
  const [lead, setLead] = useState<Brief | null>(null)
  useEffect(() => {
    if (!valid) return
    void getLead(leadId).then(
      (r) => {
        setResult(r)
        if (r.kind === 'lead') {
          setLead(r.lead)
          document.title = `${[r.lead.firstName, r.lead.lastName].filter(Boolean).join(' ') || r.lead.email} · Handoff`
        }
      },
      () => setResult({ kind: 'error', message: 'The extension could not reach its background. Reload the page.' }),
    )
  }, [leadId, valid, getLead])

  const message = !valid
    ? 'This link does not name a lead.'
    : result.kind === 'loading'
      ? 'Loading the lead…'
      : result.kind === 'not_found'
        ? 'No such lead (it may have been merged or removed).'
        : result.kind === 'lead'
          ? null
          : result.kind === 'forbidden' && result.owner
            ? colleagueLine(result.owner, now())
            : result.message
  return (
    <main class="lead-page" data-testid="lead-page" data-state={lead ? 'lead' : result.kind}>
      <div class="panel">
        {lead ? (
          <LeadPanel lead={lead} now={now} actions={actions} onChange={setLead} />
        ) : (
          <>
            <p class="muted" role="status">
              {message}
            </p>
            {openOptions && SETTINGS_PROBLEM.has(result.kind) ? (
              <p class="next-step">
                <button type="button" onClick={openOptions}>
                  Open the options
                </button>
              </p>
            ) : null}
          </>
        )}
      </div>
    </main>
  )
}
