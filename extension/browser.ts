/**
 * The promise-based WebExtension API (webextension-polyfill) for the background and the options page,
 * so the same code runs on Chrome's `chrome.*` and Firefox's `browser.*`. Content scripts do not import
 * it: they only message the background, which keeps their bundle small.
 * @module
 */
import polyfill from 'webextension-polyfill'

export type Browser = typeof polyfill
export const browser: Browser = polyfill
