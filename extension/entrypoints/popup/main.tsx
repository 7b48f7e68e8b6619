import '../../lib/zod-jitless'
import { render } from 'preact'
import '../../components/admin/admin.css'
import '../../components/queue/queue.css'
import { browser } from '../../browser'
import { sendMessage } from '../../messaging'
import { messagingAdminApi } from '../../messaging-admin'
import { cachedQueue } from '../../storage'
import { leadPagePath } from '../../background/notify'
import { PopupApp } from './app'

render(
  <PopupApp
    adminApi={messagingAdminApi}
    getQueue={() => sendMessage('getQueue')}
    getQueueTab={(view) => sendMessage('getQueueTab', { view })}
    watchQueue={(onQueue) => cachedQueue.watch((cached) => onQueue(cached?.queue ?? null))}
    openLead={(id) => void browser.tabs.create({ url: browser.runtime.getURL(leadPagePath(id) as '/lead.html') })}
    openEditor={() => void browser.tabs.create({ url: browser.runtime.getURL('/editor.html') })}
    openConsole={() => void browser.tabs.create({ url: browser.runtime.getURL('/console.html') })}
    openManager={() => void browser.tabs.create({ url: browser.runtime.getURL('/manager.html') })}
    openOptions={() => void browser.runtime.openOptionsPage()}
  />,
  document.getElementById('app') as HTMLElement,
)
