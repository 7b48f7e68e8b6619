import { useState } from 'preact/hooks'
import { isIn, RESCORABLE } from '../../../shared/lead-status-sets'
import type { Brief, TouchChannel } from '../../../shared/schemas/lead'
import { reasonsFor } from '../../lib/disqualify-reasons'
import type { ActionResult, DispositionMessage } from '../../messaging'

export type OverlayActions = {
  logTouch(leadId: string, channel: TouchChannel): Promise<ActionResult>
  setDisposition(message: DispositionMessage): Promise<ActionResult>
}

const CHANNELS: TouchChannel[] = ['call', 'email', 'linkedin', 'meeting', 'other']

/**
 * Log the first touch (with its channel), accept, or disqualify with a reason. The updated brief goes
 * to `onDone` at once; a failure shows as one line.
 */
export const LeadActions = ({
  lead,
  actions,
  onDone,
}: {
  lead: Brief
  actions: OverlayActions
  onDone(lead: Brief): void
}) => {
  const [channel, setChannel] = useState<TouchChannel>('call')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const reasons = reasonsFor(lead)

  const run = async (action: () => Promise<ActionResult>) => {
    setBusy(true)
    setError(null)
    try {
      const result = await action()
      if (result.kind === 'ok') onDone(result.lead)
      else setError(result.message)
    } catch {
      setError('The extension could not reach its background. Reload the page.')
    } finally {
      setBusy(false)
    }
  }

  const touched = lead.sla.metAt !== null
  // A closed lead (won, lost, disqualified, …) has nothing left to touch first, whatever its clock said.
  const open = isIn(RESCORABLE, lead.status)
  return (
    <section class="actions" data-testid="actions">
      {open && !touched ? (
        <div class="row">
          <select
            aria-label="Channel"
            value={channel}
            disabled={busy}
            onChange={(e) => setChannel(e.currentTarget.value as TouchChannel)}
          >
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <button
            type="button"
            class="primary"
            disabled={busy}
            onClick={() => run(() => actions.logTouch(lead.id, channel))}
          >
            Log first touch
          </button>
        </div>
      ) : null}
      {open ? (
        <div class="row">
          <button
            type="button"
            disabled={busy}
            onClick={() => run(() => actions.setDisposition({ leadId: lead.id, outcome: 'accepted' }))}
          >
            Accept
          </button>
          <select
            aria-label="Disqualify reason"
            value={reason}
            disabled={busy}
            onChange={(e) => setReason(e.currentTarget.value)}
          >
            <option value="">Reason…</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={busy || reason === ''}
            onClick={() => run(() => actions.setDisposition({ leadId: lead.id, outcome: 'disqualified', reason }))}
          >
            Disqualify
          </button>
        </div>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  )
}
