/**
 * What the content script does on each page (and each in-page navigation): identify the lead, look it
 * up through the background, and show it; on any other page, remove the overlay. A newer navigation
 * always wins over an older lookup still in flight.
 * @module
 */
import type { LeadIdentity, LookupResult } from '../messaging'
import type { OverlayState } from '../components/overlay/overlay'

export type PageSessionDeps = {
  identify(url: string): LeadIdentity | null
  /** Whether the page may name a lead once rendered (keep trying the page fallback for a while). */
  mayIdentifyLater(url: string): boolean
  lookup(identity: LeadIdentity): Promise<LookupResult>
  show(state: OverlayState): void
  hide(): void
  setTimeout(fn: () => void, ms: number): unknown
}

const RETRY_MS = 500
const RETRIES = 10

/** Answers that say nothing about the lead, only that Handoff could not be asked: worth asking again. */
const RECOVERABLE = new Set<LookupResult['kind']>(['server_down', 'signed_out', 'unconfigured', 'error'])

/**
 * Seconds before the next lookup after the server could not be reached: 2, 4, 8 … capped at 60, so a
 * restarted server brings the overlay back within a minute without a reload.
 * @example serverDownRetryMs(0) // 2000
 */
export const serverDownRetryMs = (failures: number) => Math.min(60_000, 2000 * 2 ** failures)

/**
 * @example
 * const session = createPageSession({ identify: (u) => identify(u, document), mayIdentifyLater, lookup, show, hide, setTimeout })
 * session.visit(location.href)
 */
export const createPageSession = (deps: PageSessionDeps) => {
  let seq = 0
  let current: string | null = null
  let lastNotFound: string | null = null
  /** The page shown with a recoverable failure (and how many in a row), to look up again. */
  let failed: { url: string; count: number } | null = null

  const attempt = async (url: string, mine: number, tries: number): Promise<void> => {
    const identity = deps.identify(url)
    if (!identity) {
      current = null
      if (tries < RETRIES && deps.mayIdentifyLater(url)) {
        deps.setTimeout(() => mine === seq && void attempt(url, mine, tries + 1), RETRY_MS)
      } else deps.hide()
      return
    }
    const key = JSON.stringify(identity.lookup)
    const waitForEmail = () => {
      // A CRM id Handoff does not know: the record's email may not have rendered yet, so look again.
      if ('crm' in identity.lookup && !('email' in identity.lookup) && tries < RETRIES && deps.mayIdentifyLater(url))
        deps.setTimeout(() => mine === seq && void attempt(url, mine, tries + 1), RETRY_MS)
    }
    if (key === current) {
      if (lastNotFound === key) waitForEmail()
      return
    }
    current = key
    lastNotFound = null
    // A retry after a failure keeps the failure on screen until there is news, instead of flashing "loading".
    if (failed?.url !== url) deps.show({ kind: 'loading' })
    let result: LookupResult
    try {
      result = await deps.lookup(identity)
    } catch {
      result = { kind: 'error', message: 'Handoff is updating. Reload the page.' }
    }
    if (mine !== seq) return
    deps.show(result)
    if (result.kind === 'not_found') {
      lastNotFound = key
      waitForEmail()
    }
    if (!RECOVERABLE.has(result.kind)) {
      failed = null
      return
    }
    // Forget the key so the next attempt asks again; only an unreachable server is retried on a timer
    // (a refused token or missing setup waits for the settings to change: see `recover`).
    current = null
    const count = failed?.url === url ? failed.count + 1 : 1
    failed = { url, count }
    if (result.kind === 'server_down')
      deps.setTimeout(() => mine === seq && void attempt(url, mine, tries), serverDownRetryMs(count - 1))
  }

  return {
    /** Handle a page (first load or in-page navigation). */
    visit(url: string): Promise<void> {
      const mine = ++seq
      failed = null
      return attempt(url, mine, 0)
    },
    /**
     * The connection is back (the background's poll succeeded, e.g. after a new token): if this page is
     * showing a failure, look its lead up again now.
     */
    recover(): Promise<void> {
      if (!failed) return Promise.resolve()
      const mine = ++seq
      return attempt(failed.url, mine, 0)
    },
  }
}
