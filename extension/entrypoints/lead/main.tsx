import '../../lib/zod-jitless'
import { render } from 'preact'
import '../overlay.content/style.css'
import './style.css'
import { browser } from '../../browser'
import { sendMessage } from '../../messaging'
import { LeadPage } from '../../components/overlay/lead-page'

render(
  <LeadPage
    leadId={new URLSearchParams(location.search).get('id')}
    getLead={(leadId) => sendMessage('getLead', { leadId })}
    actions={{
      logTouch: (message) => sendMessage('logTouch', message),
      setDisposition: (message) => sendMessage('setDisposition', message),
      undo: (actionId) => sendMessage('undoAction', { actionId }),
    }}
    openOptions={() => void browser.runtime.openOptionsPage()}
  />,
  document.getElementById('app') as HTMLElement,
)
