/**
 * The choice a criteria save or restore asks for: apply to the open leads now (the default; says what that will
 * do, from the worker's impact of the document) or to new activity only.
 * @module
 */
import { useEffect, useState } from 'preact/hooks'
import type { CriteriaDocument } from '../../../shared/schemas/criteria'
import type { CriteriaApply, HandOffImpact } from '../../../shared/schemas/intake'
import { handOffLine, type Mood, rescoreLine } from '../../admin/impact-text'
import type { AdminApi } from '../../messaging-admin'

export type ImpactState =
  { kind: 'loading' } | { kind: 'ready'; impact: HandOffImpact } | { kind: 'error'; message: string }

/**
 * The worker's impact of `document` over every open lead (not the preview's sample); `undefined` while the
 * document itself is not known yet (a restored version still being fetched).
 * @example const impact = useImpact(api, open ? draft : undefined)
 */
export const useImpact = (api: AdminApi, document: CriteriaDocument | undefined): ImpactState => {
  const [state, setState] = useState<ImpactState>({ kind: 'loading' })
  useEffect(() => {
    setState({ kind: 'loading' })
    if (!document) return
    let live = true
    void api.criteriaImpact(document).then((res) => {
      if (!live) return
      setState(res.ok ? { kind: 'ready', impact: res.data } : { kind: 'error', message: res.error.message })
    })
    return () => {
      live = false
    }
  }, [api, document])
  return state
}

export type ApplyChoiceProps = {
  /** The radio group's name, unique in the page (the save dialog and a restore confirmation can both be open). */
  name: string
  impact: ImpactState
  value: CriteriaApply
  onChange: (apply: CriteriaApply) => void
  disabled?: boolean
}

const ImpactText = ({ impact, mood }: { impact: ImpactState; mood: Mood }) => {
  if (impact.kind === 'loading') return <>Counting the open leads this would hand off…</>
  if (impact.kind === 'error')
    return <span class="field-error">Could not tell what this would do to open leads: {impact.message}</span>
  return (
    <>
      <strong>{handOffLine(impact.impact, mood)}.</strong> {rescoreLine(impact.impact, mood)}.
    </>
  )
}

/**
 * @example <ApplyChoice name="save-apply" impact={impact} value={apply} onChange={setApply} />
 */
export const ApplyChoice = ({ name, impact, value, onChange, disabled }: ApplyChoiceProps) => (
  <fieldset class="apply-choice" disabled={disabled}>
    <legend>What happens to open leads</legend>
    {/* The chosen option's line reads as what will happen; the other as what would. */}
    <div class={`apply-option${value === 'open_leads_now' ? ' chosen' : ''}`}>
      <input
        type="radio"
        id={`${name}-now`}
        name={name}
        value="open_leads_now"
        checked={value === 'open_leads_now'}
        aria-describedby={`${name}-now-hint`}
        onChange={() => onChange('open_leads_now')}
      />
      <label for={`${name}-now`}>Apply to open leads now</label>
      {/* Read out as it changes: the count arrives after the dialog opens. */}
      <p id={`${name}-now-hint`} class="apply-hint" aria-live="polite" data-testid="impact-line">
        <ImpactText impact={impact} mood={value === 'open_leads_now' ? 'will' : 'would'} />
      </p>
    </div>
    <div class={`apply-option${value === 'new_activity_only' ? ' chosen' : ''}`}>
      <input
        type="radio"
        id={`${name}-later`}
        name={name}
        value="new_activity_only"
        checked={value === 'new_activity_only'}
        aria-describedby={`${name}-later-hint`}
        onChange={() => onChange('new_activity_only')}
      />
      <label for={`${name}-later`}>New activity only</label>
      <p id={`${name}-later-hint`} class="apply-hint">
        Open leads keep their current score and status until they next have activity.
      </p>
    </div>
  </fieldset>
)
