import '../../lib/zod-jitless'
import { render } from 'preact'
import '../../components/admin/admin.css'
import { browser } from '../../browser'
import { sendMessage } from '../../messaging'
import { messagingAdminApi } from '../../messaging-admin'
import { cachedQueue } from '../../storage'
import { PopupApp } from './app'

render(
  <PopupApp
    adminApi={messagingAdminApi}
    getQueue={() => sendMessage('getQueue')}
    watchQueue={(onQueue) => cachedQueue.watch((cached) => onQueue(cached?.queue ?? null))}
    openUrl={(url) => void browser.tabs.create({ url })}
    openEditor={() => void browser.tabs.create({ url: browser.runtime.getURL('/editor.html') })}
    openOptions={() => void browser.runtime.openOptionsPage()}
  />,
  document.getElementById('app') as HTMLElement,
)
