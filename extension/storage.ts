/**
 * Every value the extension keeps, declared once (WXT storage). The settings item holds the API token:
 * only the background and the options page read it; content scripts never import `settings`.
 * @module
 */
import { storage } from 'wxt/utils/storage'
import type { Queue } from '../shared/schemas/lead'

/** Where the Handoff server is and the rep's token. */
export type Settings = { serverUrl: string; token: string }

/** The last queue from `GET /v1/me/queue`, with when it was fetched (epoch ms). */
export type CachedQueue = { fetchedAt: number; queue: Queue }

/** Whether the last poll reached the server and was accepted. */
export type Connection = 'ok' | 'unconfigured' | 'signed_out' | 'server_down'

export const settings = storage.defineItem<Settings>('local:settings', {
  fallback: { serverUrl: '', token: '' },
})

export const cachedQueue = storage.defineItem<CachedQueue | null>('local:queue', { fallback: null })

export const connection = storage.defineItem<Connection>('local:connection', { fallback: 'unconfigured' })

/** The overlay's pill/panel state, shared across tabs and kept across visits. */
export const overlayExpanded = storage.defineItem<boolean>('local:overlayExpanded', { fallback: false })

/** Show a quiet "not a lead" pill on recognised pages without a lead (else show nothing). */
export const showNotALeadPill = storage.defineItem<boolean>('local:showNotALeadPill', { fallback: false })

/** Lead ids already announced (null until the first poll, which seeds it without notifying). */
export const notifiedLeadIds = storage.defineItem<string[] | null>('local:notifiedLeadIds', { fallback: null })

/** Consecutive failed polls, for the backoff. */
export const pollFailures = storage.defineItem<number>('local:pollFailures', { fallback: 0 })
