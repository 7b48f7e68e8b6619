import '../../lib/zod-jitless'
import { render } from 'preact'
import '../../components/admin/admin.css'
import '../../components/tab-page.css'
import '../../components/manager/manager.css'
import { ManagerApp } from '../../components/manager/manager-app'
import { messagingAdminApi } from '../../messaging-admin'

render(<ManagerApp api={messagingAdminApi} />, document.getElementById('app') as HTMLElement)
