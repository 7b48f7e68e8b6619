/**
 * The WebExtension API for the background and the extension pages: WXT's `wxt/browser`, which is
 * Firefox's native `browser` or Chrome's `chrome` (both promise-based in MV3). It replaces
 * webextension-polyfill, which Mozilla no longer updates and which MV3 no longer needs. Content scripts do
 * not import it: they only message the background, which keeps their bundle small.
 * @module
 */
import { browser as wxtBrowser } from 'wxt/browser'

export type Browser = typeof wxtBrowser

export const browser: Browser = wxtBrowser
