import { describe, expect, it, vi } from 'vitest'
import type { OverlayState } from '../../extension/components/overlay/overlay'
import { createPageSession, serverDownRetryMs } from '../../extension/content/page-session'
import type { LeadIdentity, LookupResult } from '../../extension/messaging'
import { identify, mayIdentifyLater } from '../../extension/sites'
import { makeBrief } from './support/brief'

const deferred = <T>() => {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

const session = (lookup: (identity: LeadIdentity) => Promise<LookupResult>, root: ParentNode = document) => {
  const shown: OverlayState[] = []
  const hide = vi.fn()
  const timers: Array<() => void> = []
  const s = createPageSession({
    identify: (url) => identify(url, root),
    mayIdentifyLater,
    lookup,
    show: (state) => shown.push(state),
    hide,
    setTimeout: (fn) => timers.push(fn),
  })
  return { s, shown, hide, timers }
}

describe('page session (content script)', () => {
  it('shows loading, then the lead; hides on a page that is not a record', async () => {
    const lead = makeBrief({ id: 'lead_1' })
    const lookup = vi.fn(async () => ({ kind: 'lead', lead }) as const)
    const { s, shown, hide } = session(lookup)
    await s.visit('https://www.linkedin.com/in/jane-doe/')
    expect(shown.map((x) => x.kind)).toEqual(['loading', 'lead'])
    expect(lookup).toHaveBeenCalledWith({ site: 'linkedin', lookup: { linkedin: 'jane-doe' } })
    await s.visit('https://www.linkedin.com/feed/')
    expect(hide).toHaveBeenCalled()
  })

  it('lets the newest in-page navigation win over a slower earlier lookup', async () => {
    const slow = deferred<LookupResult>()
    const lookup = vi.fn((id: LeadIdentity) =>
      'linkedin' in id.lookup && id.lookup.linkedin === 'ada-first'
        ? slow.promise
        : Promise.resolve<LookupResult>({ kind: 'lead', lead: makeBrief({ id: 'grace' }) }),
    )
    const { s, shown } = session(lookup)
    const first = s.visit('https://www.linkedin.com/in/ada-first/')
    await s.visit('https://www.linkedin.com/in/grace-second/')
    slow.resolve({ kind: 'lead', lead: makeBrief({ id: 'ada' }) })
    await first
    const leads = shown.filter((x) => x.kind === 'lead').map((x) => (x.kind === 'lead' ? x.lead.id : ''))
    expect(leads).toEqual(['grace'])
  })

  it('does not look up again when the URL changes within the same profile', async () => {
    const lookup = vi.fn(async () => ({ kind: 'not_found' }) as const)
    const { s } = session(lookup)
    await s.visit('https://www.linkedin.com/in/jane-doe/')
    await s.visit('https://www.linkedin.com/in/jane-doe/details/experience/')
    expect(lookup).toHaveBeenCalledTimes(1)
  })

  it('retries the page fallback while a CRM record renders', async () => {
    const root = document.createElement('div')
    const lookup = vi.fn(async () => ({ kind: 'not_found' }) as const)
    const { s, timers, hide } = session(lookup, root)
    const url = 'https://acme.lightning.force.com/lightning/r/Person__c/a015e00000AbCdEAAV/view'
    await s.visit(url)
    expect(lookup).not.toHaveBeenCalled()
    expect(hide).not.toHaveBeenCalled()
    root.innerHTML = '<a href="mailto:jane@acme.example">Jane</a>'
    timers.shift()!()
    await vi.waitFor(() =>
      expect(lookup).toHaveBeenCalledWith({ site: 'salesforce', lookup: { email: 'jane@acme.example' } }),
    )
  })

  it('on a CRM record whose id is unknown, looks up by id, then by id with the record email once it renders', async () => {
    const root = document.createElement('div')
    const lookup = vi.fn(async (id: LeadIdentity) =>
      'email' in id.lookup
        ? ({ kind: 'lead', lead: makeBrief({ id: 'lead_9' }) } as const)
        : ({ kind: 'not_found' } as const),
    )
    const { s, timers, shown } = session(lookup, root)
    const url = 'https://acme.lightning.force.com/lightning/r/Lead/00Q5e00000AbCdE/view'
    await s.visit(url)
    expect(lookup).toHaveBeenLastCalledWith({ site: 'salesforce', lookup: { crm: 'salesforce:00Q5e00000AbCdEEAV' } })
    expect(timers).toHaveLength(1)
    root.innerHTML = '<a href="mailto:jane@acme.example">Jane</a>'
    timers.shift()!()
    await vi.waitFor(() =>
      expect(lookup).toHaveBeenLastCalledWith({
        site: 'salesforce',
        lookup: { crm: 'salesforce:00Q5e00000AbCdEEAV', email: 'jane@acme.example' },
      }),
    )
    await vi.waitFor(() => expect(shown.at(-1)).toMatchObject({ kind: 'lead' }))
  })

  it('retries an unreachable server on a backoff, keeping the message up, and shows the lead when it answers', async () => {
    const lead = makeBrief({ id: 'lead_back' })
    const answers: LookupResult[] = [
      {
        kind: 'server_down',
        message:
          'Handoff server unreachable; retrying on its own. If it lasts, check the server URL in the options or ask your admin.',
      },
      {
        kind: 'server_down',
        message:
          'Handoff server unreachable; retrying on its own. If it lasts, check the server URL in the options or ask your admin.',
      },
      { kind: 'lead', lead },
    ]
    const delays: number[] = []
    const timers: Array<() => void> = []
    const shown: OverlayState[] = []
    const s = createPageSession({
      identify: (url) => identify(url, document),
      mayIdentifyLater,
      lookup: async () => answers.shift()!,
      show: (state) => shown.push(state),
      hide: () => {},
      setTimeout: (fn, ms) => (delays.push(ms), timers.push(fn)),
    })
    await s.visit('https://www.linkedin.com/in/back-soon/')
    expect(shown.map((x) => x.kind)).toEqual(['loading', 'server_down'])
    timers.shift()!()
    await vi.waitFor(() => expect(shown).toHaveLength(3))
    timers.shift()!()
    await vi.waitFor(() => expect(shown).toHaveLength(4))
    // No "loading" flash between tries; the delays double from 2 s.
    expect(shown.map((x) => x.kind)).toEqual(['loading', 'server_down', 'server_down', 'lead'])
    expect(delays).toEqual([serverDownRetryMs(0), serverDownRetryMs(1)])
    expect(delays).toEqual([2000, 4000])
    expect(serverDownRetryMs(10)).toBe(60_000)
    expect(timers).toHaveLength(0) // nothing more scheduled once the lead is shown
  })

  it('after a refused token, recovers when told the connection is back, without another visit', async () => {
    const lead = makeBrief({ id: 'lead_again' })
    let refused = true
    const lookup = vi.fn(async (): Promise<LookupResult> =>
      refused ? { kind: 'signed_out', message: 'Signed out: the token was refused.' } : { kind: 'lead', lead },
    )
    const { s, shown, timers } = session(lookup)
    await s.visit('https://www.linkedin.com/in/jane-doe/')
    expect(shown.at(-1)?.kind).toBe('signed_out')
    expect(timers).toHaveLength(0) // a refused token is not retried on a timer
    refused = false
    await s.recover()
    expect(shown.at(-1)).toMatchObject({ kind: 'lead', lead: { id: 'lead_again' } })
    await s.recover() // nothing failed any more: no lookup
    expect(lookup).toHaveBeenCalledTimes(2)
  })
})
