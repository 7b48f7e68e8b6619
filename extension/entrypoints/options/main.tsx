import '../../lib/zod-jitless'
import { render } from 'preact'
import { OptionsForm } from '../../components/options/options-form'
import { browser } from '../../browser'
import { hostPattern } from '../../lib/host-permission'
import { sendMessage } from '../../messaging'
import { settings, showNotALeadPill } from '../../storage'
import './style.css'

render(
  <OptionsForm
    settings={settings}
    showNotALeadPill={showNotALeadPill}
    requestOrigin={(origin) => browser.permissions.request({ origins: [hostPattern(origin)] })}
    testConnection={() => sendMessage('testConnection')}
  />,
  document.getElementById('app')!,
)
