import { useEffect, useRef, useState } from 'preact/hooks'
import { isIn, WORKABLE } from '../../../shared/lead-status-sets'
import type { Brief, Outcome, TouchChannel } from '../../../shared/schemas/lead'
import { reasonsFor } from '../../lib/disqualify-reasons'
import type { ActionResult, DispositionMessage, TouchMessage } from '../../messaging'
import { optimistic, type PendingChange } from './optimistic'

export type OverlayActions = {
  logTouch(message: TouchMessage): Promise<ActionResult>
  setDisposition(message: DispositionMessage): Promise<ActionResult>
  undo(actionId: string): Promise<{ undone: boolean }>
}

const CHANNELS: Array<{ value: TouchChannel; label: string }> = [
  { value: 'call', label: 'Call' },
  { value: 'email', label: 'Email' },
  { value: 'linkedin', label: 'LinkedIn message' },
  { value: 'meeting', label: 'Meeting' },
  { value: 'other', label: 'Other' },
]

/** Outcomes in the order a rep reaches for them; `accepted` has its own button. */
const OUTCOMES: Array<{ value: Exclude<Outcome, 'accepted'>; label: string }> = [
  { value: 'won', label: 'Won' },
  { value: 'lost', label: 'Lost' },
  { value: 'disqualified', label: 'Disqualified' },
  { value: 'converted', label: 'Converted' },
  { value: 'recycled', label: 'Recycled (back to marketing)' },
]

const needsReason = (o: Outcome | '') => o === 'lost' || o === 'disqualified'

let seq = 0
const newActionId = () => `act_${Date.now().toString(36)}_${(++seq).toString(36)}`

/** What the rep just did, shown with an Undo button while the background still holds it. */
type Undoable = { actionId: string; text: string }

/**
 * Log a touch (first or later, any channel, with a note), accept, or record any outcome: won with an amount,
 * lost or disqualified with a reason from the criteria's own list, converted, recycled. The change shows at
 * once (`onChange` with the expected brief); for a few seconds it can be undone, then the server's brief
 * replaces it. A failure shows as one line and puts the brief back.
 */
export const LeadActions = ({
  lead,
  actions,
  onChange,
}: {
  lead: Brief
  actions: OverlayActions
  /** The brief to show now: expected (pending), confirmed by the server, or the original after undo. */
  onChange(lead: Brief): void
}) => {
  const [channel, setChannel] = useState<TouchChannel>('call')
  const [note, setNote] = useState('')
  const [outcome, setOutcome] = useState<Exclude<Outcome, 'accepted'> | ''>('')
  const [reason, setReason] = useState('')
  const [amount, setAmount] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [undoable, setUndoable] = useState<Undoable | null>(null)
  const mounted = useRef(true)
  useEffect(() => () => void (mounted.current = false), [])
  const reasons = reasonsFor(lead)

  const run = async (change: PendingChange, text: string, send: (actionId: string) => Promise<ActionResult>) => {
    const before = lead
    const actionId = newActionId()
    setBusy(true)
    setError(null)
    setUndoable({ actionId, text })
    onChange(optimistic(lead, change, Date.now()))
    let result: ActionResult
    try {
      result = await send(actionId)
    } catch {
      result = { kind: 'error', message: 'The extension could not reach its background. Reload the page.' }
    }
    if (!mounted.current) return
    setBusy(false)
    setUndoable(null)
    if (result.kind === 'ok') {
      onChange(result.lead)
      setNote('')
      setOutcome('')
      setReason('')
      setAmount('')
    } else {
      onChange(before)
      if (result.kind !== 'undone') setError(result.message)
    }
  }

  const touched = lead.sla.metAt !== null
  // A closed lead (won, lost, disqualified, …) takes no more touches or outcomes here.
  const open = isIn(WORKABLE, lead.status)
  const amountValue = amount.trim() === '' ? undefined : Number(amount)
  const amountOk = amountValue === undefined || (Number.isFinite(amountValue) && amountValue >= 0)
  const outcomeReady = outcome !== '' && (!needsReason(outcome) || reason !== '') && amountOk

  if (undoable) {
    return (
      <section class="actions" data-testid="actions">
        <p class="undo-bar" role="status" data-testid="undo-bar">
          <span>{undoable.text}</span>
          <button type="button" onClick={() => void actions.undo(undoable.actionId)}>
            Undo
          </button>
        </p>
      </section>
    )
  }
  if (!open) {
    return error ? (
      <p class="error" role="alert">
        {error}
      </p>
    ) : null
  }
  const touchLabel = touched ? 'Log touch' : 'Log first touch'
  return (
    <section class="actions" data-testid="actions">
      <form
        class="touch"
        onSubmit={(e) => {
          e.preventDefault()
          const text = `${CHANNELS.find((c) => c.value === channel)!.label} logged`
          void run({ kind: 'touch' }, text, (actionId) =>
            actions.logTouch({ leadId: lead.id, channel, ...(note.trim() ? { note: note.trim() } : {}), actionId }),
          )
        }}
      >
        <div class="row">
          <select
            aria-label="Channel"
            value={channel}
            disabled={busy}
            onChange={(e) => setChannel(e.currentTarget.value as TouchChannel)}
          >
            {CHANNELS.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          <input
            type="text"
            aria-label="Note"
            placeholder="Note (optional)"
            maxLength={5000}
            value={note}
            disabled={busy}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </div>
        <div class="row">
          <button type="submit" class="primary" disabled={busy}>
            {touchLabel}
          </button>
          {lead.status !== 'accepted' ? (
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void run({ kind: 'outcome', outcome: 'accepted' }, 'Accepted', (actionId) =>
                  actions.setDisposition({ leadId: lead.id, outcome: 'accepted', actionId }),
                )
              }
            >
              Accept
            </button>
          ) : null}
        </div>
      </form>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault()
          if (!outcomeReady) return
          const label = OUTCOMES.find((o) => o.value === outcome)!.label.replace(/ \(.*\)$/, '')
          void run({ kind: 'outcome', outcome }, `Marked ${label.toLowerCase()}`, (actionId) =>
            actions.setDisposition({
              leadId: lead.id,
              outcome,
              ...(needsReason(outcome) ? { reason } : {}),
              ...(outcome === 'won' && amountValue !== undefined ? { amount: amountValue } : {}),
              actionId,
            }),
          )
        }}
      >
        <select
          aria-label="Outcome"
          value={outcome}
          disabled={busy}
          onChange={(e) => setOutcome(e.currentTarget.value as typeof outcome)}
        >
          <option value="">Outcome…</option>
          {OUTCOMES.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {needsReason(outcome) ? (
          <select aria-label="Reason" value={reason} disabled={busy} onChange={(e) => setReason(e.currentTarget.value)}>
            <option value="">Reason…</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        ) : null}
        {outcome === 'won' ? (
          <input
            type="number"
            aria-label="Amount"
            placeholder="Amount"
            min={0}
            step="any"
            value={amount}
            disabled={busy}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
        ) : null}
        {outcome !== '' ? (
          <button type="submit" disabled={busy || !outcomeReady}>
            Save
          </button>
        ) : null}
      </form>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  )
}
