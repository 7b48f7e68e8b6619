/**
 * The live preview beside the editor: MQL/SQL counts now and with the draft, who moves and why, and how
 * the newly qualifying leads actually fared.
 * @module
 */
import type { PreviewOutcome } from '../../admin/preview-runner'
import type { PreviewStage } from '../../admin/preview'

export type PreviewState =
  | { kind: 'loading' }
  | { kind: 'unavailable'; message: string }
  | { kind: 'invalid' }
  | { kind: 'ready'; outcome: PreviewOutcome; stale: boolean }

const STAGE: Record<PreviewStage, string> = { disqualified: 'disqualified', new: 'new', mql: 'MQL', sql: 'SQL' }

const Delta = ({ id, label, before, after }: { id: string; label: string; before: number; after: number }) => {
  const diff = after - before
  const key = id
  return (
    <div class="preview-count" data-testid={`preview-${key}`}>
      <span class="preview-label">{label}</span>
      <span class="preview-numbers">
        <span data-testid={`preview-${key}-current`}>{before}</span>
        {' → '}
        <strong data-testid={`preview-${key}-draft`}>{after}</strong>
      </span>
      {diff !== 0 ? <span class={diff > 0 ? 'up' : 'down'}>{` (${diff > 0 ? '+' : ''}${diff})`}</span> : null}
    </div>
  )
}

const MOVED_SHOWN = 50

/**
 * @example <PreviewPanel state={{ kind: 'ready', outcome, stale: false }} />
 */
export const PreviewPanel = ({ state }: { state: PreviewState }) => (
  <section
    class="preview"
    data-where={state.kind === 'ready' ? state.outcome.where : undefined}
    aria-labelledby="preview-title"
    aria-live="polite"
    aria-busy={state.kind === 'loading' || (state.kind === 'ready' && state.stale)}
  >
    <h2 id="preview-title">Preview on recent leads</h2>
    {state.kind === 'loading' ? <p class="muted">Loading the sample…</p> : null}
    {state.kind === 'unavailable' ? <p class="muted">Preview unavailable: {state.message}</p> : null}
    {state.kind === 'invalid' ? <p class="muted">Fix the marked fields to see the preview.</p> : null}
    {state.kind === 'ready' ? <Ready outcome={state.outcome} /> : null}
  </section>
)

const Ready = ({ outcome }: { outcome: PreviewOutcome }) => {
  const r = outcome.result
  return (
    <>
      <p class="muted">
        {r.size} lead{r.size === 1 ? '' : 's'} · current → draft · computed in {Math.round(outcome.ms)} ms
      </p>
      <div class="preview-counts">
        <Delta id="mql" label="MQL or above" before={r.current.mql} after={r.draft.mql} />
        <Delta id="sql" label="SQL" before={r.current.sql} after={r.draft.sql} />
        <Delta id="disqualified" label="Disqualified" before={r.current.disqualified} after={r.draft.disqualified} />
      </div>
      <p class="preview-summary" data-testid="preview-summary">
        {r.summary}
        {r.droppingOut.count > 0 ? ` ${r.droppingOut.count} would move down.` : ''}
      </p>
      {r.moved.length > 0 ? (
        <details class="moved">
          <summary>
            {r.moved.length} lead{r.moved.length === 1 ? '' : 's'} would move
          </summary>
          <ul>
            {r.moved.slice(0, MOVED_SHOWN).map((m) => (
              <li key={m.id}>
                <span class="moved-name">{m.name}</span>: {STAGE[m.from]} → {STAGE[m.to]}{' '}
                <span class="muted">({m.rule})</span>
              </li>
            ))}
          </ul>
          {r.moved.length > MOVED_SHOWN ? <p class="muted">and {r.moved.length - MOVED_SHOWN} more</p> : null}
        </details>
      ) : (
        <p class="muted">No lead changes stage.</p>
      )}
    </>
  )
}
