/**
 * Wires the background together: one API client, the queue sync on alarms, message handlers, the
 * notification clicks and alert links to the server's lead page.
 * @module
 */
import type { Browser } from '../browser'
import { onMessage } from '../messaging'
import { settings } from '../storage'
import { createApiClient } from './api-client'
import { createHandlers, registerHandlers } from './handlers'
import { leadIdFromOpenUrl } from '../lib/open-lead-url'
import { leadPagePath, pageForNotification } from './notify'
import { POLL_ALARM, RECOUNT_ALARM, createQueueSync } from './queue-sync'

/**
 * @example startBackground(browser) // in defineBackground's main
 */
export const startBackground = (browser: Browser) => {
  const now = () => Date.now()
  const api = createApiClient({ fetch: (input, init) => fetch(input, init), getSettings: () => settings.getValue() })
  const sync = createQueueSync({
    api,
    alarms: browser.alarms,
    action: browser.action,
    notifications: browser.notifications,
    now,
  })
  registerHandlers(onMessage, createHandlers({ api, sync, now }))

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POLL_ALARM) void sync.refresh()
    else if (alarm.name === RECOUNT_ALARM) void sync.recount()
  })
  // "Open lead" in an alert: the server's /open/leads/<id> page becomes the lead's page in the extension.
  browser.tabs.onUpdated.addListener(async (tabId, change) => {
    if (!change.url) return
    const leadId = leadIdFromOpenUrl(change.url, (await settings.getValue()).serverUrl)
    if (leadId) await browser.tabs.update(tabId, { url: browser.runtime.getURL(leadPagePath(leadId) as '/lead.html') })
  })
  browser.notifications.onClicked.addListener(async (id) => {
    const url = pageForNotification(id, (path) => browser.runtime.getURL(path as '/lead.html'))
    if (url) await browser.tabs.create({ url })
    await browser.notifications.clear(id)
  })
  settings.watch(() => void sync.refresh())
  // A service worker wakes for every message: poll only when no poll is scheduled (first start,
  // browser restart, alarms lost), else just bring the badge up to date.
  void browser.alarms.get(POLL_ALARM).then(async (alarm) => {
    if (alarm) await sync.recount()
    else await sync.refresh()
  })
  return { api, sync }
}
