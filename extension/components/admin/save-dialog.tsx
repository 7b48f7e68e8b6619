/**
 * Saving asks for a note (why the criteria changed; it goes into the version history) and says, before anything
 * is done, what the save will do to the open leads, with the choice to apply it to new activity only.
 * @module
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { CriteriaApply } from '../../../shared/schemas/intake'
import { ApplyChoice, type ImpactState } from './apply-choice'

export type SaveDialogProps = {
  changes: string[]
  /** The worker's impact of the draft over the open leads (see `useImpact`). */
  impact: ImpactState
  busy: boolean
  error: string | null
  onSave: (note: string, apply: CriteriaApply) => void
  onCancel: () => void
}

/**
 * @example <SaveDialog changes={diff} impact={impact} busy={false} error={null} onSave={save} onCancel={close} />
 */
export const SaveDialog = ({ changes, impact, busy, error, onSave, onCancel }: SaveDialogProps) => {
  const [note, setNote] = useState('')
  // Open leads now is preselected: it is what a save did before there was a choice.
  const [apply, setApply] = useState<CriteriaApply>('open_leads_now')
  const [missing, setMissing] = useState(false)
  const ref = useRef<HTMLTextAreaElement>(null)
  useEffect(() => ref.current?.focus(), [])
  return (
    <div
      class="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="save-title"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (!note.trim()) return setMissing(true)
          onSave(note.trim(), apply)
        }}
      >
        <h2 id="save-title">Save a new version</h2>
        {changes.length ? (
          <ul class="diff">
            {changes.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        ) : (
          <p class="muted">No changes from the current version.</p>
        )}
        <ApplyChoice name="save-apply" impact={impact} value={apply} onChange={setApply} disabled={busy} />
        <label for="save-note">Note (what changed and why)</label>
        <textarea
          id="save-note"
          ref={ref}
          rows={3}
          maxLength={1000}
          value={note}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? 'save-note-error' : undefined}
          onInput={(e) => {
            setNote(e.currentTarget.value)
            setMissing(false)
          }}
        />
        {missing ? (
          <span id="save-note-error" class="field-error" role="alert">
            A note is required
          </span>
        ) : null}
        {error ? (
          <p class="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save version'}
          </button>
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  )
}
