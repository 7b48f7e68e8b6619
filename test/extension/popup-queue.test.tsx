import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { countAt, countsNow } from '../../extension/lib/sla'
import { badgeFor } from '../../extension/background/badge'
import { RepQueue } from '../../extension/components/queue/rep-queue'
import { byUrgency } from '../../extension/components/queue/order'
import { PopupApp, type PopupDeps } from '../../extension/entrypoints/popup/app'
import { EditorPage } from '../../extension/entrypoints/editor/page'
import { createFakeAdminApi } from './admin-fake-api'
import { SAMPLE, SMALL } from './admin-fixtures'
import { makeBrief, makeQueue } from './support/brief'

const T0 = Date.parse('2026-11-23T10:00:00Z')
const MIN = 60_000

const overdue = makeBrief(
  {
    id: 'lead_over',
    firstName: 'Olga',
    lastName: 'Over',
    company: { name: 'Overdue GmbH', domain: null, industry: null, employees: null, country: null },
  },
  { startedAt: T0 - 70 * MIN, dueSoonAt: T0 - 20 * MIN, dueAt: T0 - 12 * MIN },
)
const soon = makeBrief(
  { id: 'lead_soon', firstName: 'Sami', lastName: 'Soon', linkedinUrl: 'javascript:alert(1)' },
  { startedAt: T0 - 50 * MIN, dueSoonAt: T0 - MIN, dueAt: T0 + 4 * MIN + 12_000 },
)
const later = makeBrief(
  { id: 'lead_later', firstName: 'Lea', lastName: 'Later', linkedinUrl: 'https://www.linkedin.com/in/lea-later/' },
  { startedAt: T0, dueSoonAt: T0 + 48 * MIN, dueAt: T0 + 60 * MIN },
)
const noClock = makeBrief({ id: 'lead_none', firstName: 'Nils', lastName: 'None' })

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('rep queue', () => {
  it('lists leads most urgent first with name, company, score and countdown', () => {
    const queue = makeQueue([later, noClock, soon, overdue])
    render(<RepQueue queue={queue} now={() => T0} onOpen={() => {}} />)
    const items = screen.getAllByRole('listitem')
    // What to do now: the fresh lead, then the one about to breach, then the overdue one; no clock last.
    expect(items.map((li) => li.getAttribute('data-lead'))).toEqual([
      'lead_later',
      'lead_soon',
      'lead_over',
      'lead_none',
    ])
    expect(within(items[2]!).getByText('Olga Over')).toBeTruthy()
    expect(within(items[2]!).getByText('Overdue GmbH')).toBeTruthy()
    expect(within(items[2]!).getByText('72 pts')).toBeTruthy()
    expect(within(items[2]!).getByRole('timer').textContent).toBe('overdue by 12m')
    expect(within(items[2]!).getByRole('timer').getAttribute('data-state')).toBe('breached')
    expect(within(items[1]!).getByRole('timer').textContent).toBe('4m 12s left')
    expect(within(items[1]!).getByRole('timer').getAttribute('data-state')).toBe('due_soon')
    expect(within(items[0]!).getByRole('timer').getAttribute('data-state')).toBe('running')
    expect(byUrgency([noClock, later], T0).map((l) => l.id)).toEqual(['lead_later', 'lead_none'])
    // Once Lea's clock runs out too, the newer breach (Lea) comes before Olga's older one.
    expect(byUrgency([overdue, later, soon], T0 + 61 * MIN).map((l) => l.id)).toEqual([
      'lead_later',
      'lead_soon',
      'lead_over',
    ])
  })

  it('ticks the countdown every second and turns red at the due time', () => {
    vi.useFakeTimers()
    let now = T0 + 4 * MIN + 10_000
    render(<RepQueue queue={makeQueue([soon])} now={() => now} onOpen={() => {}} />)
    const timer = screen.getByRole('timer')
    expect(timer.textContent).toBe('2s left')
    now += 3000
    act(() => {
      vi.advanceTimersByTime(1000)
    })
    expect(timer.textContent).toBe('overdue by 1s')
    expect(timer.getAttribute('data-state')).toBe('breached')
  })

  it('counts like the badge', () => {
    const leads = [later, soon, overdue, noClock]
    render(<RepQueue queue={makeQueue(leads)} now={() => T0} onOpen={() => {}} />)
    const { overdue: red, dueSoon } = countAt(leads, T0)
    expect(screen.getByTestId('queue-counts').textContent).toBe(`${red} overdue · ${dueSoon} due soon · 4 open`)
    expect(badgeFor(countsNow(makeQueue(leads), T0), 'ok').text).toBe(String(red))
  })

  it("opens the lead's page in the extension by id, for leads without a LinkedIn or CRM page too", () => {
    const onOpen = vi.fn()
    render(<RepQueue queue={makeQueue([later, soon])} now={() => T0} onOpen={onOpen} />)
    fireEvent.click(screen.getByText('Lea Later'))
    expect(onOpen).toHaveBeenLastCalledWith('lead_later')
    // Sami has only a javascript: URL: still one click to the lead's page, and that URL is never a link.
    const item = document.querySelector('[data-lead="lead_soon"]') as HTMLElement
    expect(item.querySelector('a')).toBeNull()
    fireEvent.click(within(item).getByText('Sami Soon'))
    expect(onOpen).toHaveBeenLastCalledWith('lead_soon')
    expect(onOpen).toHaveBeenCalledTimes(2)
  })

  it('renders lead text as text', () => {
    const evil = makeBrief(
      { id: 'lead_evil', firstName: '<img src=x onerror=alert(1)>', lastName: null },
      { startedAt: T0, dueSoonAt: T0 + MIN, dueAt: T0 + 2 * MIN },
    )
    render(<RepQueue queue={makeQueue([evil])} now={() => T0} onOpen={() => {}} />)
    expect(document.querySelector('img')).toBeNull()
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy()
  })
})

const deps = (role: 'admin' | 'rep' | 'manager'): PopupDeps => ({
  adminApi: createFakeAdminApi(SMALL, SAMPLE, {
    role,
    name: 'Who',
    rep: role === 'admin' ? null : { id: 'rep_1', name: 'Sam', email: 's@x.io', timeZone: 'UTC' },
  }),
  getQueue: vi.fn(async () => makeQueue([later, overdue])),
  getQueueTab: vi.fn(async (view: 'follow_up' | 'closed_today') =>
    view === 'follow_up'
      ? {
          kind: 'queue' as const,
          queue: makeQueue([
            makeBrief(
              { id: 'lead_touched', firstName: 'Tom', lastName: 'Touched', status: 'contacted' },
              { startedAt: T0 - 3 * 86_400_000, dueSoonAt: T0 - 3 * 86_400_000, dueAt: T0, metAt: T0 - 2 * 86_400_000 },
            ),
          ]),
        }
      : { kind: 'server_down' as const, message: 'Handoff cannot be reached right now.' },
  ),
  openLead: vi.fn(),
  openEditor: vi.fn(),
  openOptions: vi.fn(),
  now: () => T0,
})

describe('popup', () => {
  it('shows the criteria editor to admins, with a link to open it in a tab', async () => {
    const d = deps('admin')
    render(<PopupApp {...d} />)
    await screen.findByRole('heading', { name: /Criteria/ })
    expect(screen.queryByText('My leads')).toBeNull()
    fireEvent.click(screen.getByRole('link', { name: 'Open in tab' }))
    expect(d.openEditor).toHaveBeenCalled()
  })

  it.each(['rep', 'manager'] as const)('shows a %s the queue and never the editor', async (role) => {
    const d = deps(role)
    render(<PopupApp {...d} />)
    await screen.findByText('My leads')
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2))
    expect(screen.queryByRole('heading', { name: /Criteria/ })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Save…' })).toBeNull()
    expect(d.adminApi.getCriteria).not.toHaveBeenCalled()
  })

  it('has tabs with their counts: "Follow up" read from the server with where each lead stands, failures said in words', async () => {
    const d = deps('rep')
    render(<PopupApp {...d} />)
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2))
    // To contact counts the badge's queue; Follow up is counted from the server; Closed today could not be read.
    await waitFor(() => expect(screen.getByTestId('count-follow_up').textContent).toBe('1'))
    const tabs = screen.getAllByRole('tab')
    expect(tabs.map((t) => [t.textContent, t.getAttribute('aria-selected')])).toEqual([
      ['To contact 2', 'true'],
      ['Follow up 1', 'false'],
      ['Closed today', 'false'],
    ])
    fireEvent.click(screen.getByRole('tab', { name: 'Follow up 1' }))
    await screen.findByText('Tom Touched')
    expect(d.getQueueTab).toHaveBeenLastCalledWith('follow_up')
    expect(screen.getByRole('tab', { name: 'Follow up 1' }).getAttribute('aria-selected')).toBe('true')
    const item = screen.getByRole('listitem')
    expect(within(item).getByText('Contacted · first touch 2 days ago')).toBeTruthy()
    expect(within(item).queryByRole('timer')).toBeNull()
    fireEvent.click(within(item).getByRole('button'))
    expect(d.openLead).toHaveBeenLastCalledWith('lead_touched')
    fireEvent.click(screen.getByRole('tab', { name: 'Closed today' }))
    expect((await screen.findByRole('status')).textContent).toBe('Handoff cannot be reached right now.')
    fireEvent.click(screen.getByRole('tab', { name: 'To contact 2' }))
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2))
    expect(screen.getAllByRole('timer')).toHaveLength(2)
  })

  it('moves the tab counts when the background stores a new queue (after an action or a poll)', async () => {
    let push: (q: ReturnType<typeof makeQueue> | null) => void = () => {}
    let followUp = 1
    const d = {
      ...deps('rep'),
      getQueueTab: vi.fn(async () => ({
        kind: 'queue' as const,
        queue: makeQueue(Array.from({ length: followUp }, (_, i) => makeBrief({ id: `f${i}`, status: 'contacted' }))),
      })),
      watchQueue: (on: typeof push) => ((push = on), () => {}),
    }
    render(<PopupApp {...d} />)
    await waitFor(() => expect(screen.getByTestId('count-to_contact').textContent).toBe('2'))
    await waitFor(() => expect(screen.getByTestId('count-follow_up').textContent).toBe('1'))
    followUp = 2 // the rep touched `later`: it moves from To contact to Follow up
    act(() => push(makeQueue([overdue])))
    await waitFor(() => expect(screen.getByTestId('count-follow_up').textContent).toBe('2'))
    expect(screen.getByTestId('count-to_contact').textContent).toBe('1')
    expect(screen.getAllByRole('listitem')).toHaveLength(1)
  })

  it('points to the options when not connected', async () => {
    const d = deps('rep')
    d.adminApi.whoAmI = vi.fn(async () => ({
      ok: false as const,
      error: { status: 0, code: 'unconfigured', message: 'Set the server URL and token in the options.', issues: [] },
    }))
    render(<PopupApp {...d} />)
    expect((await screen.findByRole('alert')).textContent).toMatch(/options/)
    fireEvent.click(screen.getByRole('button', { name: 'Open the options' }))
    expect(d.openOptions).toHaveBeenCalled()
  })
})

describe('popup when the server does not answer', () => {
  it('says so in the words the overlay uses, with what to do next, instead of a fetch error', async () => {
    const d = deps('rep')
    d.adminApi.whoAmI = vi.fn(async () => ({
      ok: false as const,
      error: { status: 0, code: 'network_error', message: 'Cannot reach the server (Failed to fetch).', issues: [] },
    }))
    render(<PopupApp {...d} />)
    const line = (await screen.findByRole('alert')).textContent
    expect(line).toMatch(/^Handoff server unreachable; retrying on its own\. If it lasts, check the server URL/)
    expect(line).not.toMatch(/Failed to fetch/)
    expect(screen.getByRole('button', { name: 'Open the options' })).toBeTruthy()
  })
})

describe('team board link', () => {
  it('opens manager.html for managers and admins, never for reps', async () => {
    for (const role of ['manager', 'admin'] as const) {
      const d = { ...deps(role), openManager: vi.fn() }
      render(<PopupApp {...d} />)
      fireEvent.click(await screen.findByRole('link', { name: 'Team board' }))
      expect(d.openManager).toHaveBeenCalled()
      cleanup()
    }
    const rep = { ...deps('rep'), openManager: vi.fn() }
    render(<PopupApp {...rep} />)
    await screen.findByRole('heading', { name: 'My leads' })
    expect(screen.queryByRole('link', { name: 'Team board' })).toBeNull()
  })
})

describe('editor tab', () => {
  it('shows the editor full size to admins only', async () => {
    const admin = deps('admin')
    render(<EditorPage api={admin.adminApi} />)
    await screen.findByRole('heading', { name: /Criteria/ })
    expect(document.querySelector('main.admin.tab')).not.toBeNull()
    expect(screen.queryByRole('link', { name: 'Open in tab' })).toBeNull()
    cleanup()

    const rep = deps('rep')
    render(<EditorPage api={rep.adminApi} />)
    expect((await screen.findByRole('alert')).textContent).toBe('The criteria editor is for admins.')
    expect(rep.adminApi.getCriteria).not.toHaveBeenCalled()
  })
})
