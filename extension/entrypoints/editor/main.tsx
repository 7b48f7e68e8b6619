import '../../lib/zod-jitless'
import { render } from 'preact'
import '../../components/admin/admin.css'
import { EditorPage } from './page'
import { messagingAdminApi } from '../../messaging-admin'

render(<EditorPage api={messagingAdminApi} />, document.getElementById('app') as HTMLElement)
