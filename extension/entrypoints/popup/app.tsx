/**
 * The toolbar popup: the criteria editor for admins, the rep's queue for everyone else. The server
 * enforces roles; the popup only follows `GET /v1/me`.
 * @module
 */
import { useEffect, useState } from 'preact/hooks'
import type { Me } from '../../../shared/schemas/auth'
import type { Queue, QueueView } from '../../../shared/schemas/lead'
import { CriteriaEditor } from '../../components/admin/criteria-editor'
import { QueueTabBar, TabLeads } from '../../components/queue/queue-tabs'
import { RepQueue } from '../../components/queue/rep-queue'
import { useTicking } from '../../components/use-ticking'
import type { OnDemandView, QueueTabResult } from '../../messaging'
import type { AdminApi, AdminFailure } from '../../messaging-admin'
import { SERVER_DOWN_MESSAGE } from '../../background/failure'

export type PopupDeps = {
  adminApi: AdminApi
  getQueue: () => Promise<Queue | null>
  /** "Follow up" or "Closed today", read from the server when the tab opens. */
  getQueueTab: (view: OnDemandView) => Promise<QueueTabResult>
  /** Re-reads the queue whenever the background stores a new one; returns an unsubscribe. */
  watchQueue?: (onQueue: (queue: Queue | null) => void) => () => void
  /** Opens a lead's page in the extension. */
  openLead: (leadId: string) => void
  openEditor: () => void
  /** Opens the admin console (console.html) in a tab. */
  openConsole?: () => void
  /** Opens the managers' page (manager.html: team board, managers' queue) in a tab; shown to managers and admins. */
  openManager?: () => void
  openOptions: () => void
  now?: () => number
}

type Who = { kind: 'loading' } | { kind: 'me'; me: Me } | { kind: 'failed'; message: string }

/** The popup's one line when `GET /v1/me` fails: the overlay's words for a server that does not answer. */
const failedLine = (error: AdminFailure) =>
  error.code !== 'unconfigured' && (error.status === 0 || error.status >= 500) ? SERVER_DOWN_MESSAGE : error.message

/**
 * @example render(<PopupApp {...deps} />, root)
 */
export const PopupApp = (deps: PopupDeps) => {
  const [who, setWho] = useState<Who>({ kind: 'loading' })
  useEffect(() => {
    void deps.adminApi
      .whoAmI()
      .then((res) => setWho(res.ok ? { kind: 'me', me: res.data } : { kind: 'failed', message: failedLine(res.error) }))
  }, [deps.adminApi])

  if (who.kind === 'loading') return <p class="muted pad">Connecting…</p>
  if (who.kind === 'failed') {
    return (
      <main class="pad">
        <h1>Handoff</h1>
        <p role="alert">{who.message}</p>
        <button type="button" class="primary" onClick={deps.openOptions}>
          Open the options
        </button>
      </main>
    )
  }
  if (who.me.role === 'admin')
    return (
      <>
        <CriteriaEditor
          api={deps.adminApi}
          layout="popup"
          onOpenInTab={deps.openEditor}
          onOpenConsole={deps.openConsole}
          now={deps.now}
        />
        <TeamBoardLink deps={deps} />
      </>
    )
  return (
    <>
      <QueueScreen deps={deps} />
      {who.me.role === 'manager' ? <TeamBoardLink deps={deps} /> : null}
    </>
  )
}

/** Managers and admins: the team board opens in a tab (manager.html). */
const TeamBoardLink = ({ deps }: { deps: PopupDeps }) =>
  deps.openManager ? (
    <p class="pad">
      <a
        href="manager.html"
        onClick={(e) => {
          e.preventDefault()
          deps.openManager?.()
        }}
      >
        Team board
      </a>
    </p>
  ) : null

/** A tab's count as the server answered it: its list, capped at the server's page of 100. */
const tabCount = (queue: Queue) => (queue.leads.length >= 100 ? '100+' : String(queue.leads.length))

const OTHER_TABS: OnDemandView[] = ['follow_up', 'closed_today']

const QueueScreen = ({ deps }: { deps: PopupDeps }) => {
  const [view, setView] = useState<QueueView>('to_contact')
  const [queue, setQueue] = useState<Queue | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [counts, setCounts] = useState<Partial<Record<OnDemandView, string>>>({})
  useEffect(() => {
    // The other tabs' counts are read when the popup opens and after every change the background stores,
    // so the three numbers move together with the badge (To contact is the badge's own queue).
    const countOthers = () => {
      for (const v of OTHER_TABS) {
        void deps
          .getQueueTab(v)
          .then((r) => r.kind === 'queue' && setCounts((c) => ({ ...c, [v]: tabCount(r.queue) })))
          .catch(() => {})
      }
    }
    void deps
      .getQueue()
      .then((q) => {
        setQueue(q)
        if (!q) setProblem('No queue yet: the extension fetches it about once a minute.')
      })
      .catch((err: unknown) => setProblem(err instanceof Error ? err.message : String(err)))
    countOthers()
    return deps.watchQueue?.((q) => {
      if (!q) return
      setQueue(q)
      setProblem(null)
      countOthers()
    })
  }, [deps])
  const tabCounts = { ...counts, ...(queue ? { to_contact: String(queue.counts.open) } : {}) }
  return (
    <>
      <header class="queue-head">
        <h1>My leads</h1>
        <QueueTabBar view={view} onView={setView} counts={tabCounts} />
      </header>
      {view === 'to_contact' ? (
        <RepQueue queue={queue} problem={problem} now={deps.now} onOpen={deps.openLead} />
      ) : (
        <OnDemandTab key={view} view={view} deps={deps} />
      )}
    </>
  )
}

type TabState = { kind: 'loading' } | QueueTabResult

const OnDemandTab = ({ view, deps }: { view: OnDemandView; deps: PopupDeps }) => {
  const [state, setState] = useState<TabState>({ kind: 'loading' })
  const t = useTicking(deps.now ?? Date.now)
  useEffect(() => {
    void deps
      .getQueueTab(view)
      .then(setState)
      .catch((err: unknown) => setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) }))
  }, [deps, view])
  return (
    <main class="queue">
      {state.kind === 'loading' ? <p class="muted">Loading…</p> : null}
      {state.kind === 'queue' ? (
        <TabLeads view={view} leads={state.queue.leads} now={t} onOpen={deps.openLead} />
      ) : null}
      {state.kind !== 'loading' && state.kind !== 'queue' ? (
        <p class="muted" role="status">
          {state.message}
        </p>
      ) : null}
    </main>
  )
}
