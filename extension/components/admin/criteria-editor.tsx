/**
 * The admin criteria editor (popup and full tab): edit every part of the document with inline validation
 * by the shared zod schema, watch the live preview, save with a note, browse and restore versions.
 * @module
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks'
import type { CriteriaDocument, CriteriaVersion } from '../../../shared/schemas/criteria'
import type { CriteriaApply } from '../../../shared/schemas/intake'
import { diffCriteria } from '../../admin/diff'
import { setIn } from '../../admin/paths'
import { createPreviewRunner, type PreviewRunner } from '../../admin/preview-runner'
import {
  clearErrorsAt,
  errorCount,
  issuesToErrors,
  mergeErrors,
  validateDraft,
  type FieldErrors,
} from '../../admin/validation'
import type { AdminApi, SavedVersion } from '../../messaging-admin'
import { useImpact } from './apply-choice'
import { EditorContext, type Path } from './editor-context'
import { ErrorSummary, focusField } from './error-summary'
import { HistoryPanel } from './history-panel'
import { JobProgress } from './job-progress'
import { PreviewPanel, type PreviewState } from './preview-panel'
import { SaveDialog } from './save-dialog'
import {
  DisqualifierSection,
  EngagementSection,
  FitSection,
  HotSection,
  ReasonsSection,
  SignalSection,
  ThresholdsSection,
} from './sections'

export type CriteriaEditorProps = {
  api: AdminApi
  layout: 'popup' | 'tab'
  /** Injected in tests; by default a Web Worker runner. */
  runner?: PreviewRunner
  now?: () => number
  sampleLimit?: number
  debounceMs?: number
  /** Shown in the popup: opens the same editor full size. */
  onOpenInTab?: () => void
  /** Shown in the popup: opens the admin console (reps, routing, SLA, channels, tokens, sources) in a tab. */
  onOpenConsole?: () => void
  /** Between polls of a rescoring job's progress. */
  jobPollMs?: number
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
/** After a save for new activity only no job runs: the status says when open leads will meet the version. */
const later = (apply: CriteriaApply) =>
  apply === 'new_activity_only' ? ' Open leads move to it at their next activity.' : ''

/**
 * @example <CriteriaEditor api={messagingAdminApi} layout="popup" onOpenInTab={openTab} />
 */
export const CriteriaEditor = ({
  api,
  layout,
  runner: given,
  now = Date.now,
  sampleLimit = 5000,
  debounceMs = 250,
  onOpenInTab,
  onOpenConsole,
  jobPollMs,
}: CriteriaEditorProps) => {
  const [current, setCurrent] = useState<CriteriaVersion | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [draft, setDraft] = useState<CriteriaDocument | null>(null)
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})
  const [preview, setPreview] = useState<PreviewState>({ kind: 'loading' })
  const [sampleReady, setSampleReady] = useState(false)
  const [saving, setSaving] = useState<{ busy: boolean; error: string | null } | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [showErrors, setShowErrors] = useState(false)
  // The job the last save or restore started over the open leads (the worker answered 202), if any.
  const [job, setJob] = useState<SavedVersion['job']>(null)
  const runnerRef = useRef<PreviewRunner | null>(given ?? null)
  const sampleRef = useRef<Parameters<PreviewRunner['load']>[0] | null>(null)
  const nowRef = useRef(now())

  const runner = () => (runnerRef.current ??= createPreviewRunner())
  useEffect(() => () => runnerRef.current?.dispose(), [])

  const adopt = useCallback((version: CriteriaVersion) => {
    setCurrent(version)
    setDraft(version.document)
    setServerErrors({})
    if (sampleRef.current) runner().load(sampleRef.current, version.document, nowRef.current)
  }, [])

  // Load the current version, then the preview sample.
  useEffect(() => {
    let live = true
    void (async () => {
      const res = await api.getCriteria()
      if (!live) return
      if (!res.ok) return setLoadError(res.error.message)
      adopt(res.data)
      const sample = await api.previewSample({ limit: sampleLimit, document: res.data.document })
      if (!live) return
      if (!sample.ok) return setPreview({ kind: 'unavailable', message: sample.error.message })
      sampleRef.current = sample.data
      nowRef.current = now()
      runner().load(sample.data, res.data.document, nowRef.current)
      setSampleReady(true)
    })()
    return () => {
      live = false
    }
  }, [api])

  const check = useMemo(() => (draft ? validateDraft(draft) : null), [draft])
  const errors = useMemo(() => mergeErrors(check?.errors ?? {}, serverErrors), [check, serverErrors])

  // Recompute the preview, debounced, off the main path.
  useEffect(() => {
    if (!sampleReady || !check) return
    if (!check.ok) return setPreview({ kind: 'invalid' })
    setPreview((p) => (p.kind === 'ready' ? { ...p, stale: true } : { kind: 'loading' }))
    let live = true
    const timer = setTimeout(() => {
      void runner()
        .run(check.document)
        .then((outcome) => {
          if (live && outcome) setPreview({ kind: 'ready', outcome, stale: false })
        })
    }, debounceMs)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [check, sampleReady, current])

  const update = useCallback((path: Path, value: unknown) => {
    setDraft((d) => (d ? setIn(d, path, value) : d))
    setServerErrors((e) => clearErrorsAt(e, path.join('.')))
    setStatus(null)
  }, [])

  const context = useMemo(() => ({ errors, update, compact: layout === 'popup' }), [errors, update, layout])
  // Asked each time the save dialog opens, so it counts the open leads as they are then.
  const impact = useImpact(api, saving && check?.ok ? check.document : undefined)

  if (loadError) {
    return (
      <main class={`admin ${layout}`}>
        <p class="field-error" role="alert">
          Could not load the criteria: {loadError}
        </p>
      </main>
    )
  }
  if (!current || !draft) {
    return (
      <main class={`admin ${layout}`}>
        <p class="muted">Loading criteria…</p>
      </main>
    )
  }

  const dirty = !same(draft, current.document)
  const onRestored = (v: SavedVersion, apply: CriteriaApply) => {
    adopt(v)
    setJob(v.job)
    setStatus(`Restored as version ${v.version}.${later(apply)}`)
  }
  const changes = check?.ok ? diffCriteria(current.document, check.document) : []
  const problems = errorCount(errors)

  const askToSave = () => {
    setShowErrors(true)
    if (!check?.ok) {
      const first = Object.keys(errors)[0]
      if (first) focusField(first)
      return setStatus(`Fix ${problems} problem${problems === 1 ? '' : 's'} before saving.`)
    }
    setSaving({ busy: false, error: null })
  }

  const save = async (note: string, apply: CriteriaApply) => {
    if (!check?.ok) return
    setSaving({ busy: true, error: null })
    const res = await api.putCriteria({ document: check.document, note, apply })
    if (res.ok) {
      setSaving(null)
      adopt(res.data)
      setJob(res.data.job)
      setStatus(`Saved as version ${res.data.version}.${later(apply)}`)
      return
    }
    if (res.error.status === 422 && res.error.issues.length) {
      setSaving(null)
      setShowErrors(true)
      setServerErrors(issuesToErrors(res.error.issues))
      setStatus(`The server refused the criteria: ${res.error.message}`)
      const first = res.error.issues[0]?.path
      if (first) focusField(first)
      return
    }
    setSaving({ busy: false, error: `${res.error.message}${res.error.status ? ` (${res.error.status})` : ''}` })
  }

  return (
    <EditorContext.Provider value={context}>
      <main class={`admin ${layout}`}>
        <header class="admin-head">
          <h1>
            Criteria <span class="muted">v{current.version}</span>
          </h1>
          <nav class="head-links">
            {onOpenInTab ? <TabLink href="editor.html" text="Open in tab" onOpen={onOpenInTab} /> : null}
            {onOpenConsole ? <TabLink href="console.html" text="Admin console" onOpen={onOpenConsole} /> : null}
          </nav>
        </header>
        <div class="toolbar">
          <button type="button" class="primary" onClick={askToSave} disabled={!dirty}>
            Save…
          </button>
          <button type="button" onClick={() => adopt(current)} disabled={!dirty}>
            Discard changes
          </button>
          <span class="status" role="status">
            {status ??
              (dirty ? `${changes.length} unsaved change${changes.length === 1 ? '' : 's'}` : 'No unsaved changes')}
          </span>
        </div>
        {job ? <JobProgress key={job.id} api={api} job={job} pollMs={jobPollMs} /> : null}
        {showErrors && problems > 0 ? <ErrorSummary errors={errors} /> : null}
        <div class="admin-body">
          {layout === 'popup' ? <PreviewPanel state={preview} /> : null}
          <div class="editor-column">
            <ThresholdsSection doc={draft} />
            <FitSection doc={draft} section="fit" />
            <EngagementSection doc={draft} />
            <FitSection doc={draft} section="negative" />
            <DisqualifierSection doc={draft} />
            <HotSection doc={draft} />
            <SignalSection doc={draft} />
            <ReasonsSection doc={draft} />
          </div>
          <aside class="side-column">
            {layout === 'tab' ? <PreviewPanel state={preview} /> : null}
            <HistoryPanel api={api} currentVersion={current.version} onRestored={onRestored} />
          </aside>
        </div>
        {saving ? (
          <SaveDialog
            changes={changes}
            impact={impact}
            busy={saving.busy}
            error={saving.error}
            onSave={(note, apply) => void save(note, apply)}
            onCancel={() => setSaving(null)}
          />
        ) : null}
      </main>
    </EditorContext.Provider>
  )
}

/** A link the popup opens as a new tab through the extension API (a plain link would not leave the popup). */
const TabLink = ({ href, text, onOpen }: { href: string; text: string; onOpen: () => void }) => (
  <a
    href={href}
    target="_blank"
    onClick={(e) => {
      e.preventDefault()
      onOpen()
    }}
  >
    {text}
  </a>
)
