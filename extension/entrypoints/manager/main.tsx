import '../../lib/zod-jitless'
import { render } from 'preact'
import '../../components/admin/admin.css'
import { TeamBoard } from '../../components/manager/team-board'
import { messagingAdminApi } from '../../messaging-admin'

render(
  <main>
    <h1>Team board</h1>
    <TeamBoard api={messagingAdminApi} />
  </main>,
  document.getElementById('app') as HTMLElement,
)
