/**
 * The extension's real background (handlers, queue sync, undo window, badge) in front of a small in-memory
 * server that answers the rep's routes as the worker does: a touch meets the clock, an outcome other than
 * `accepted` on an untouched lead stops it, a colleague's lead is a 403 naming its owner. Component tests
 * drive the brief through it, so a click is checked all the way to the badge and the stored queue.
 * @module
 */
import { vi } from 'vitest'
import { fakeBrowser } from 'wxt/testing/fake-browser'
import { createApiClient } from '../../../extension/background/api-client'
import { createHandlers } from '../../../extension/background/handlers'
import { createPendingActions } from '../../../extension/background/pending-actions'
import { createQueueSync } from '../../../extension/background/queue-sync'
import type { OverlayActions } from '../../../extension/components/overlay/overlay'
import { countAt } from '../../../extension/lib/sla'
import type { LookupResult } from '../../../extension/messaging'
import type { Brief, Queue } from '../../../shared/schemas/lead'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** Outcomes that stop an untouched lead's clock (the worker's `recordDisposition`). */
const STOPS = new Set(['disqualified', 'recycled', 'converted', 'won', 'lost'])
const OPEN = new Set(['assigned', 'accepted', 'contacted'])

export type Colleague = { id: string; owner: string; metAt: string | null; email: string }

/**
 * @example
 * const bg = fakeBackground({ leads: [lead], now: () => T0 })
 * render(<LeadPage leadId="lead_1" getLead={bg.getLead} actions={bg.actions} />)
 * bg.endUndoWindow() // the held click reaches the server
 */
export const fakeBackground = ({
  leads,
  now,
  colleagues = [],
  configured = true,
}: {
  leads: Brief[]
  now: () => number
  colleagues?: Colleague[]
  /** False: no server URL or token saved (a new install). */
  configured?: boolean
}) => {
  const store = new Map(leads.map((l) => [l.id, structuredClone(l)]))
  /** Every write the server received: path and body. */
  const received: Array<{ path: string; body: Record<string, unknown> }> = []
  let failWith: number | null = null
  let down: number | 'network' | null = null

  const queue = (): Queue => {
    const open = [...store.values()].filter((l) => OPEN.has(l.status) && l.sla.metAt === null)
    return { now: new Date(now()).toISOString(), leads: open, counts: { open: open.length, ...countAt(open, now()) } }
  }

  const route = (url: URL, init: RequestInit): Response => {
    if (url.pathname === '/v1/me/queue') return json(200, queue())
    const m = /^\/v1\/leads\/([^/]+)(?:\/(touch|disposition))?$/.exec(url.pathname)
    if (!m) return json(404, { error: { code: 'not_found', message: 'No such route' } })
    const id = decodeURIComponent(m[1]!)
    const colleague = colleagues.find((c) => c.id === id)
    if (colleague) {
      return json(403, {
        error: {
          code: 'forbidden',
          message: `Assigned to ${colleague.owner}`,
          owner: { name: colleague.owner, metAt: colleague.metAt },
        },
      })
    }
    const lead = store.get(id)
    if (!lead) return json(404, { error: { code: 'not_found', message: 'No such lead' } })
    if (!m[2]) return json(200, { lead })
    if (failWith) return json(failWith, { error: { code: 'internal', message: 'Internal error' } })
    const body = JSON.parse(String(init.body)) as Record<string, unknown>
    received.push({ path: url.pathname, body })
    const at = new Date(now()).toISOString()
    const untouched = lead.sla.metAt === null
    if (m[2] === 'touch') {
      if (untouched) lead.sla = { ...lead.sla, metAt: at, state: lead.sla.dueAt ? 'met' : lead.sla.state }
      if (lead.status === 'assigned') lead.status = 'contacted'
    } else {
      const outcome = String(body.outcome)
      lead.status = outcome as Brief['status']
      if (untouched && STOPS.has(outcome) && lead.sla.dueAt) lead.sla = { ...lead.sla, stoppedAt: at, state: 'none' }
    }
    lead.updatedAt = at
    return json(m[2] === 'touch' ? 201 : 200, { lead })
  }

  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    if (down === 'network') throw new TypeError('Failed to fetch')
    if (down) return json(down, { error: { code: down === 401 ? 'unauthorized' : 'internal', message: 'No' } })
    return route(new URL(String(input)), init)
  }) as unknown as typeof globalThis.fetch

  // The undo window as a list of held sends, ended by the test instead of by the clock.
  const held = new Map<number, () => void>()
  let seq = 0
  const pending = createPendingActions({
    set: (fn) => (held.set(++seq, fn), seq),
    clear: (h) => held.delete(h as number),
  })
  const settings = async () =>
    configured ? { serverUrl: 'http://127.0.0.1:8787', token: 'rep-token' } : { serverUrl: '', token: '' }
  const api = createApiClient({ fetch, getSettings: settings })
  const sync = createQueueSync({
    api,
    alarms: fakeBrowser.alarms,
    action: fakeBrowser.action,
    notifications: fakeBrowser.notifications as never,
    now,
  })
  const handlers = createHandlers({ api, sync, now, pending })
  const actions: OverlayActions = {
    logTouch: (message) => handlers.logTouch(message),
    setDisposition: (message) => handlers.setDisposition(message),
    undo: (actionId) => handlers.undoAction({ actionId }),
  }

  return {
    actions,
    getLead: (leadId: string): Promise<LookupResult> => handlers.getLead({ leadId }),
    sync,
    received,
    /** The server's copy of a lead. */
    lead: (id: string) => store.get(id),
    /** Every write answers this status from now on (null: answer normally). */
    failWrites: (status: number | null) => void (failWith = status),
    /** Every request fails from now on: an HTTP status, or no answer at all (null: back up). */
    serverDown: (how: number | 'network' | null) => void (down = how),
    /** Clicks still inside their undo window. */
    heldCount: () => held.size,
    /** The undo window ends: every held click goes to the server. */
    endUndoWindow: () => {
      const due = [...held.values()]
      held.clear()
      for (const fn of due) fn()
    },
    badge: () => fakeBrowser.action.getBadgeText({}),
  }
}
