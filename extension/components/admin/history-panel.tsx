/**
 * The version history: author, time, note and a readable diff against the version before; any version
 * can be restored (which creates a new version with its criteria), to the open leads now or to new activity
 * only: restoring does not undo the hand-offs a save made, so it says what it would hand off in turn.
 * @module
 */
import { useEffect, useState } from 'preact/hooks'
import type { CriteriaDocument } from '../../../shared/schemas/criteria'
import type { CriteriaApply } from '../../../shared/schemas/intake'
import { diffCriteria } from '../../admin/diff'
import type { AdminApi, SavedVersion, VersionSummary } from '../../messaging-admin'
import { ApplyChoice, useImpact } from './apply-choice'

export type HistoryPanelProps = {
  api: AdminApi
  /** The current version number: the list reloads when it changes. */
  currentVersion: number
  /** The new version, with the job rescoring open leads when the restore started one, and the choice made. */
  onRestored: (version: SavedVersion, apply: CriteriaApply) => void
}

const EAGER = 10

const formatTime = (iso: string) => {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/**
 * @example <HistoryPanel api={api} currentVersion={7} onRestored={(v) => setCurrent(v)} />
 */
export const HistoryPanel = ({ api, currentVersion, onRestored }: HistoryPanelProps) => {
  const [versions, setVersions] = useState<VersionSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [docs, setDocs] = useState<Record<number, CriteriaDocument>>({})
  const [confirming, setConfirming] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const [apply, setApply] = useState<CriteriaApply>('open_leads_now')
  // The impact of the version being confirmed (its document is fetched first if the list did not carry it).
  const impact = useImpact(api, confirming === null ? undefined : docs[confirming])

  useEffect(() => {
    let live = true
    void api.listVersions().then((res) => {
      if (!live) return
      if (!res.ok) return setError(res.error.message)
      const sorted = res.data.slice().sort((a, b) => b.version - a.version)
      setVersions(sorted)
      setError(null)
      const known: Record<number, CriteriaDocument> = {}
      for (const v of sorted) if (v.document) known[v.version] = v.document
      setDocs((d) => ({ ...d, ...known }))
      // The latest diffs are fetched at once; older ones when their details are opened.
      const missing = sorted.slice(0, EAGER + 1).filter((v) => !v.document)
      void Promise.all(missing.map((v) => api.getVersion(v.version))).then((answers) => {
        if (!live) return
        const fetched: Record<number, CriteriaDocument> = {}
        for (const a of answers) if (a.ok) fetched[a.data.version] = a.data.document
        setDocs((d) => ({ ...d, ...fetched }))
      })
    })
    return () => {
      live = false
    }
  }, [api, currentVersion])

  const load = async (version: number) => {
    if (docs[version]) return
    const res = await api.getVersion(version)
    if (res.ok) setDocs((d) => ({ ...d, [version]: res.data.document }))
  }

  const confirm = (version: number) => {
    setApply('open_leads_now')
    setConfirming(version)
    void load(version)
  }

  const restore = async (version: number) => {
    setBusy(true)
    const res = await api.restoreVersion({ version, apply })
    setBusy(false)
    setConfirming(null)
    if (!res.ok) return setError(`Restore failed: ${res.error.message}`)
    onRestored(res.data, apply)
  }

  return (
    <section class="history" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {versions === null && !error ? <p class="muted">Loading versions…</p> : null}
      <ol class="versions">
        {(versions ?? []).map((v, i) => {
          const older = versions?.[i + 1]
          const mine = docs[v.version]
          const before = older ? docs[older.version] : undefined
          const changes = mine && before ? diffCriteria(before, mine) : null
          return (
            <li key={v.version} class="version" data-version={v.version}>
              <div class="version-head">
                <strong>v{v.version}</strong>
                {v.version === currentVersion ? <span class="badge">current</span> : null}
                <span class="muted">
                  {' '}
                  by {v.author} · {formatTime(v.createdAt)}
                </span>
              </div>
              {v.note ? <p class="version-note">{v.note}</p> : null}
              {v.restoredFrom !== null ? <p class="muted">Restored from v{v.restoredFrom}</p> : null}
              {older ? (
                <details
                  open={i === 0}
                  onToggle={(e) => {
                    if ((e.currentTarget as HTMLDetailsElement).open)
                      void Promise.all([load(v.version), load(older.version)])
                  }}
                >
                  <summary>Changes from v{older.version}</summary>
                  {changes === null ? (
                    <p class="muted">Loading…</p>
                  ) : changes.length === 0 ? (
                    <p class="muted">No changes.</p>
                  ) : (
                    <ul class="diff">
                      {changes.map((c, j) => (
                        <li key={j}>{c}</li>
                      ))}
                    </ul>
                  )}
                </details>
              ) : (
                <p class="muted">First version.</p>
              )}
              {v.version !== currentVersion ? (
                confirming === v.version ? (
                  <div class="confirm" role="group" aria-label={`Restore version ${v.version}?`}>
                    <span>
                      Restore v{v.version} as a new version? Unsaved edits are dropped, and leads already handed off
                      stay with their reps.
                    </span>
                    <ApplyChoice
                      name={`restore-${v.version}-apply`}
                      impact={impact}
                      value={apply}
                      onChange={setApply}
                      disabled={busy}
                    />
                    <button type="button" class="primary" disabled={busy} onClick={() => void restore(v.version)}>
                      Yes, restore v{v.version}
                    </button>
                    <button type="button" disabled={busy} onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                  </div>
                ) : (
                  <button type="button" onClick={() => confirm(v.version)}>
                    Restore v{v.version}
                  </button>
                )
              ) : null}
            </li>
          )
        })}
      </ol>
    </section>
  )
}
