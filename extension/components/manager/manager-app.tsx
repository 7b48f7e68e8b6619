import { useState } from 'preact/hooks'
import type { AdminApi } from '../../messaging-admin'
import { LeadSearch } from './lead-search'
import { ManagersQueue } from './managers-queue'
import { ManagerReports } from './reports'
import { TeamBoard } from './team-board'

const TABS = [
  ['board', 'Team board'],
  ['queue', "Managers' queue"],
  ['search', 'Search'],
  ['reports', 'Reports'],
] as const
type Tab = (typeof TABS)[number][0]

/** The managers' page (manager.html): tabs over the team board, the managers' queue, lead search and the reports. */
export const ManagerApp = ({ api }: { api: Pick<AdminApi, 'managerRequest'> }) => {
  const [tab, setTab] = useState<Tab>('board')
  return (
    <main class="manager">
      <h1>Handoff for managers</h1>
      <nav role="tablist">
        {TABS.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </nav>
      {tab === 'board' && <TeamBoard api={api} onOpenQueue={() => setTab('queue')} />}
      {tab === 'queue' && <ManagersQueue api={api} />}
      {tab === 'search' && <LeadSearch api={api} />}
      {tab === 'reports' && <ManagerReports api={api} />}
    </main>
  )
}
