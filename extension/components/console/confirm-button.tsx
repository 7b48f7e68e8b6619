/**
 * A destructive button that asks once, in place ("Revoke?" → "Yes, revoke" / "Keep"), instead of a
 * `window.confirm` that blocks the page.
 * @module
 */
import { useState } from 'preact/hooks'

/**
 * @example <ConfirmButton text="Revoke" label="Revoke token 'CI'" question="Revoke it?" onConfirm={revoke} />
 */
export const ConfirmButton = ({
  text,
  label,
  question,
  onConfirm,
}: {
  text: string
  /** The accessible name, naming the item. */
  label: string
  question: string
  onConfirm: () => Promise<void> | void
}) => {
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  if (!asking)
    return (
      <button type="button" class="danger-quiet" aria-label={label} onClick={() => setAsking(true)}>
        {text}
      </button>
    )
  return (
    <span class="confirm" role="group" aria-label={question}>
      <span class="confirm-question">{question}</span>
      <button
        type="button"
        class="danger"
        disabled={busy}
        onClick={async () => {
          setBusy(true)
          await onConfirm()
          setBusy(false)
          setAsking(false)
        }}
      >
        Yes, {text.toLowerCase()}
      </button>
      <button type="button" onClick={() => setAsking(false)} disabled={busy}>
        Keep
      </button>
    </span>
  )
}
