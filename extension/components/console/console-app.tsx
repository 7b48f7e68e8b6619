/**
 * The admin console (console.html): for admins only (the worker enforces it; the page follows
 * `GET /v1/me`), a side menu of the configuration pages and the page for the current hash.
 * @module
 */
import { useEffect, useMemo, useState } from 'preact/hooks'
import { consoleClient, type ConsoleClient } from '../../admin/console-client'
import type { AdminApi } from '../../messaging-admin'
import { type PageProps, useConsoleLists } from './console-lists'
import { ROUTES, type RouteHash, routeOf } from './console-routes'
import { CalendarsPage } from './pages/calendars-page'
import { ChannelsPage } from './pages/channels-page'
import { PoolsPage } from './pages/pools-page'
import { RepsPage } from './pages/reps-page'
import { RoutingRulesPage } from './pages/routing-rules-page'
import { SlaPoliciesPage } from './pages/sla-policies-page'
import { SourcesPage } from './pages/sources-page'
import { TokensPage } from './pages/tokens-page'

const PAGES: Record<RouteHash, (props: PageProps) => preact.JSX.Element> = {
  reps: RepsPage,
  calendars: CalendarsPage,
  pools: PoolsPage,
  routing: RoutingRulesPage,
  sla: SlaPoliciesPage,
  channels: ChannelsPage,
  tokens: TokensPage,
  sources: SourcesPage,
}

export type ConsoleAppProps = {
  api: AdminApi
  /** The window whose hash is the route (tests pass happy-dom's). */
  win?: Pick<Window, 'location' | 'addEventListener' | 'removeEventListener'>
}

/**
 * @example render(<ConsoleApp api={messagingAdminApi} />, root)
 */
export const ConsoleApp = ({ api, win = window }: ConsoleAppProps) => {
  const [who, setWho] = useState<{ role: string; name: string } | { problem: string } | null>(null)
  const client = useMemo(() => consoleClient(api), [api])
  useEffect(() => {
    void api.whoAmI().then((res) => setWho(res.ok ? res.data : { problem: res.error.message }))
  }, [api])
  if (who === null) return <p class="muted pad">Connecting…</p>
  if ('problem' in who)
    return (
      <p role="alert" class="pad">
        {who.problem}
      </p>
    )
  if (who.role !== 'admin')
    return (
      <p role="alert" class="pad">
        The admin console is for admins.
      </p>
    )
  return <Console client={client} win={win} who={who.name} />
}

const Console = ({
  client,
  win,
  who,
}: {
  client: ConsoleClient
  win: NonNullable<ConsoleAppProps['win']>
  who: string
}) => {
  const [route, setRoute] = useState<RouteHash>(() => routeOf(win.location.hash))
  useEffect(() => {
    const follow = () => setRoute(routeOf(win.location.hash))
    win.addEventListener('hashchange', follow)
    return () => win.removeEventListener('hashchange', follow)
  }, [win])
  const lists = useConsoleLists(client)
  const Page = PAGES[route]
  return (
    <div class="console">
      <nav class="console-nav" aria-label="Console">
        <p class="console-brand">
          Handoff <span class="muted">admin</span>
        </p>
        <ul>
          {ROUTES.map((r) => (
            <li key={r.hash}>
              <a href={`#${r.hash}`} aria-current={r.hash === route ? 'page' : undefined}>
                {r.title}
                <Count n={countOf(lists, r.hash)} />
              </a>
            </li>
          ))}
        </ul>
        <p class="muted console-who">Signed in as {who}</p>
      </nav>
      <main class="console-main">
        <Page client={client} lists={lists} />
      </main>
    </div>
  )
}

const LIST_OF: Record<RouteHash, keyof PageProps['lists']> = {
  reps: 'reps',
  calendars: 'calendars',
  pools: 'pools',
  routing: 'routingRules',
  sla: 'slaPolicies',
  channels: 'channels',
  tokens: 'tokens',
  sources: 'sources',
}

const countOf = (lists: PageProps['lists'], hash: RouteHash) => lists[LIST_OF[hash]].items?.length ?? null

const Count = ({ n }: { n: number | null }) => (n === null ? null : <span class="nav-count">{n}</span>)
