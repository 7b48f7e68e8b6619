import '../../lib/zod-jitless'
import { render } from 'preact'
import '../../components/admin/admin.css'
import '../../components/tab-page.css'
import '../../components/console/console.css'
import { ConsoleApp } from '../../components/console/console-app'
import { messagingAdminApi } from '../../messaging-admin'

render(<ConsoleApp api={messagingAdminApi} />, document.getElementById('app') as HTMLElement)
