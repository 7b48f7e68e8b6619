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

/**
 * @example
 * const session = createPageSession({ identify: (u) => identify(u, document), mayIdentifyLater, lookup, show, hide, setTimeout })
 * session.visit(location.href)
 */
export const createPageSession = (deps: PageSessionDeps) => {
  let seq = 0
  let current: string | null = null
  let lastNotFound: string | null = null

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
    deps.show({ kind: 'loading' })
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
  }

  return {
    /** Handle a page (first load or in-page navigation). */
    visit(url: string): Promise<void> {
      const mine = ++seq
      return attempt(url, mine, 0)
    },
  }
}
