import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it, type Mock, vi } from 'vitest'
import { Overlay, type OverlayActions, type OverlayState } from '../../extension/components/overlay/overlay'
import { clockText } from '../../extension/components/overlay/sla-clock'
import { countAt, nextCrossing } from '../../extension/lib/sla'
import { ago, whyNowParts } from '../../extension/lib/why-now'
import type { ActionResult, LookupResult } from '../../extension/messaging'
import { LeadPage } from '../../extension/components/overlay/lead-page'
import type { Brief } from '../../shared/schemas/lead'
import { makeBrief } from './support/brief'

const T0 = Date.parse('2026-11-23T10:00:00Z')
const MIN = 60_000
const clock = { startedAt: T0, dueSoonAt: T0 + 48 * MIN, dueAt: T0 + 60 * MIN }
const lead = makeBrief({ id: 'lead_1' }, clock)

const noActions: OverlayActions = {
  logTouch: vi.fn(async (): Promise<ActionResult> => ({ kind: 'ok', lead })),
  setDisposition: vi.fn(async (): Promise<ActionResult> => ({ kind: 'ok', lead })),
  undo: vi.fn(async () => ({ undone: true })),
}

const show = (
  state: OverlayState,
  opts: { expanded?: boolean; showNotALead?: boolean; now?: () => number; actions?: OverlayActions } = {},
) => {
  const onToggle = vi.fn()
  const view = render(
    <Overlay
      state={state}
      expanded={opts.expanded ?? true}
      onToggle={onToggle}
      showNotALead={opts.showNotALead ?? false}
      actions={opts.actions ?? noActions}
      now={opts.now ?? (() => T0 + 5 * MIN)}
    />,
  )
  return { ...view, onToggle }
}

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('overlay states', () => {
  it('shows a quiet pill while loading', () => {
    show({ kind: 'loading' })
    expect(screen.getByTestId('overlay').dataset.state).toBe('loading')
    expect(screen.getByText('Handoff…')).toBeTruthy()
  })

  it('renders nothing for a page without a lead, or a quiet pill when the option is on', () => {
    const { container } = show({ kind: 'not_found' })
    expect(container.textContent).toBe('')
    cleanup()
    show({ kind: 'not_found' }, { showNotALead: true })
    expect(screen.getByText('Handoff: not a lead')).toBeTruthy()
  })

  it.each([
    ['signed_out', 'Signed out: the token was refused. Check it in the options.'],
    [
      'server_down',
      'Handoff server unreachable; retrying on its own. If it lasts, check the server URL in the options or ask your admin.',
    ],
    ['unconfigured', 'Set the server URL and token in the options.'],
  ] as const)('shows one clear line when %s', (kind, message) => {
    show({ kind, message })
    expect(screen.getByRole('status').textContent).toBe(message)
    expect(screen.queryByRole('button')).toBeNull()
  })

  it('shows the brief: score and breakdown, status, why now, timeline, signals, message, assignee', () => {
    show({ kind: 'lead', lead })
    expect(screen.getByTestId('lead-name').textContent).toBe('Jane Doe')
    expect(screen.getByTestId('score').textContent).toContain('Score 72')
    expect(screen.getByText('Visited pricing')).toBeTruthy()
    expect(screen.getByTestId('status').textContent).toBe('Assigned')
    expect(screen.getByTestId('why-now-line').textContent).toBe('Requested a demo 5 min ago')
    expect(screen.getByTestId('contact-email').getAttribute('href')).toBe('mailto:lead_1@example.com')
    expect(screen.getByTestId('timeline').textContent).toContain('Requested a demo')
    expect(screen.getByTestId('interests').textContent).toContain('Pricing')
    expect(screen.getByTestId('objections').textContent).toContain('Security review')
    expect(screen.getByTestId('assignee').textContent).toContain('Sam Rep')
  })

  it('says which criteria version scored the lead, and nothing when the server does not say', () => {
    show({ kind: 'lead', lead: { ...lead, score: { ...lead.score, criteriaVersion: 7 } } })
    expect(screen.getByTestId('criteria-version').textContent).toBe('Scored with criteria v7')
    cleanup()
    show({ kind: 'lead', lead })
    expect(screen.queryByTestId('criteria-version')).toBeNull()
  })

  it('marks a hot signal (0 points) as hot, not as "+0"', () => {
    const hot = makeBrief(
      {
        id: 'lead_hot',
        score: {
          ...lead.score,
          breakdown: [{ rule: 'demo-request', label: 'Requested a demo', points: 0, evidence: 'form=demo_request' }],
        },
      },
      clock,
    )
    show({ kind: 'lead', lead: hot })
    const score = screen.getByTestId('score').textContent!
    expect(score).toContain('hot Requested a demo')
    expect(score).not.toContain('+0')
  })

  it('renders lead data as text and only http(s) links, opened safely', () => {
    const evil = makeBrief(
      {
        id: 'lead_evil',
        firstName: '<img src=x onerror=alert(1)>',
        message: '<script>alert(1)</script>',
        objections: [],
        interests: [
          {
            key: 'k',
            label: 'Guide',
            content: [
              { title: 'Good', url: 'https://acme.example/guide' },
              { title: 'Bad', url: 'javascript:alert(1)' },
            ],
          },
        ],
      },
      clock,
    )
    const { container } = show({ kind: 'lead', lead: evil })
    expect(container.querySelector('img, script')).toBeNull()
    expect(screen.getByTestId('message').textContent).toContain('<script>alert(1)</script>')
    const links = Array.from(container.querySelectorAll('a'))
    // The contact links (mailto:, LinkedIn) and the one http(s) content link; never the javascript: one.
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'mailto:lead_evil@example.com',
      'https://www.linkedin.com/in/jane-doe/',
      'https://acme.example/guide',
    ])
    for (const a of links.filter((l) => l.href.startsWith('http'))) {
      expect(a.getAttribute('rel')).toBe('noopener noreferrer')
      expect(a.getAttribute('target')).toBe('_blank')
    }
    expect(screen.getByText('Bad').tagName).toBe('SPAN')
  })

  it('collapses to a pill and expands on click', () => {
    const { onToggle } = show({ kind: 'lead', lead }, { expanded: false })
    expect(screen.getByTestId('pill-name').textContent).toBe('Jane Doe')
    expect(screen.queryByTestId('score')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Expand lead brief' }))
    expect(onToggle).toHaveBeenCalledWith(true)
  })
})

describe('countdown', () => {
  it.each([
    ['green while running', T0 + 5 * MIN, 'running', '55m left'],
    ['amber when due soon', T0 + 50 * MIN, 'due_soon', '10m left'],
    ['red and overdue after breach', T0 + 72 * MIN, 'breached', 'overdue by 12m'],
  ])('is %s', (_, now, state, text) => {
    show({ kind: 'lead', lead }, { now: () => now })
    const el = screen.getByTestId('sla-clock')
    expect(el.dataset.state).toBe(state)
    expect(el.className).toContain(`clock--${state}`)
    expect(el.textContent).toBe(text)
  })

  it('ticks every second', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(T0 + 59 * MIN)
    show({ kind: 'lead', lead }, { now: Date.now })
    expect(screen.getByTestId('sla-clock').textContent).toBe('1m left')
    vi.advanceTimersByTime(1000)
    await waitFor(() => expect(screen.getByTestId('sla-clock').textContent).toBe('59s left'))
    vi.advanceTimersByTime(60_000)
    await waitFor(() => expect(screen.getByTestId('sla-clock').dataset.state).toBe('breached'))
  })

  it('never turns red once the server stopped the clock (a closed lead long past its due time)', () => {
    const closed = makeBrief({ id: 'dq', status: 'disqualified' }, clock)
    closed.sla = { ...closed.sla, stoppedAt: new Date(T0 + 10 * MIN).toISOString(), state: 'none' }
    show({ kind: 'lead', lead: closed }, { now: () => T0 + 43 * 24 * 60 * MIN })
    const el = screen.getByTestId('sla-clock')
    expect(el.dataset.state).toBe('none')
    expect(el.textContent).toBe('Clock stopped')
    expect(countAt([closed], T0 + 90 * MIN)).toEqual({ overdue: 0, dueSoon: 0 })
    expect(nextCrossing([closed], T0)).toBeNull()
    // A closed lead offers no "log first touch".
    expect(screen.queryByRole('button', { name: /first touch/i })).toBeNull()
  })

  it('says the touch is done once met', () => {
    expect(clockText(makeBrief({ id: 'm' }, { ...clock, metAt: T0 + MIN }).sla, T0 + 90 * MIN)).toBe('First touch done')
  })
})

/** Actions as the background answers them: after `hold` resolves (the undo window), or `undone` if taken back. */
const heldActions = (answer: (m: Record<string, unknown>) => Brief) => {
  const waiting = new Map<string, (r: ActionResult) => void>()
  const sent: Array<Record<string, unknown>> = []
  const hold = (m: Record<string, unknown>) =>
    new Promise<ActionResult>((resolve) => waiting.set(String(m.actionId), resolve))
  const actions: OverlayActions = {
    logTouch: vi.fn((m) => hold(m)),
    setDisposition: vi.fn((m) => hold(m)),
    undo: vi.fn(async (id) => {
      waiting.get(id)?.({ kind: 'undone' })
      return { undone: waiting.delete(id) }
    }),
  }
  /** The window ends: every waiting action reaches the "server". */
  const commit = () => {
    const calls = [...(actions.logTouch as Mock).mock.calls, ...(actions.setDisposition as Mock).mock.calls]
    for (const [m] of calls) {
      const resolve = waiting.get(String(m.actionId))
      if (!resolve) continue
      waiting.delete(String(m.actionId))
      sent.push(m)
      resolve({ kind: 'ok', lead: answer(m) })
    }
  }
  return { actions, commit, sent }
}

describe('actions', () => {
  it('logs the first touch with channel and note: shown at once, then the server brief; later touches too', async () => {
    const met = makeBrief({ id: 'lead_1', status: 'contacted' }, { ...clock, metAt: T0 + 5 * MIN })
    const { actions, commit, sent } = heldActions(() => met)
    show({ kind: 'lead', lead }, { actions })
    fireEvent.change(screen.getByLabelText('Channel'), { target: { value: 'linkedin' } })
    fireEvent.input(screen.getByLabelText('Note'), { target: { value: 'Sent a connection request' } })
    fireEvent.click(screen.getByRole('button', { name: 'Log first touch' }))
    // At once: the clock is met and the status moved, with Undo while the background holds the touch.
    await waitFor(() => expect(screen.getByTestId('sla-clock').textContent).toBe('First touch done'))
    expect(screen.getByTestId('status').textContent).toBe('Contacted')
    expect(screen.getByTestId('undo-bar').textContent).toContain('LinkedIn message logged')
    commit()
    await waitFor(() => expect(screen.queryByTestId('undo-bar')).toBeNull())
    expect(sent).toEqual([
      { leadId: 'lead_1', channel: 'linkedin', note: 'Sent a connection request', actionId: expect.any(String) },
    ])
    // A later touch is one click away too.
    fireEvent.click(screen.getByRole('button', { name: 'Log touch' }))
    await waitFor(() => expect(screen.getByTestId('undo-bar')).toBeTruthy())
    commit()
    await waitFor(() => expect(sent).toHaveLength(2))
    expect(sent[1]).toMatchObject({ channel: 'linkedin' }) // the channel stays as chosen
  })

  it('undo puts the brief back and sends nothing', async () => {
    const { actions, commit, sent } = heldActions(() => lead)
    show({ kind: 'lead', lead }, { actions })
    fireEvent.click(screen.getByRole('button', { name: 'Log first touch' }))
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Contacted'))
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Assigned'))
    commit()
    expect(sent).toEqual([])
    expect(actions.undo).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('sla-clock').textContent).not.toBe('First touch done')
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it.each([
    ['won', { amount: '42000' }, { outcome: 'won', amount: 42000 }, 'Won'],
    ['lost', { reason: 'no budget' }, { outcome: 'lost', reason: 'no budget' }, 'Lost'],
    ['disqualified', { reason: 'no budget' }, { outcome: 'disqualified', reason: 'no budget' }, 'Disqualified'],
    ['converted', {}, { outcome: 'converted' }, 'Converted'],
    ['recycled', {}, { outcome: 'recycled' }, 'Recycled'],
  ] as const)('records %s with what it needs', async (outcome, fill, expected, label) => {
    const { actions, commit, sent } = heldActions((m) => ({ ...lead, status: m.outcome as Brief['status'] }))
    show({ kind: 'lead', lead: { ...lead, disqualificationReasons: ['No budget', 'no budget'] } }, { actions })
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: outcome } })
    const save = screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement
    if ('reason' in fill) {
      expect(save.disabled).toBe(true) // no reason yet
      fireEvent.change(screen.getByLabelText('Reason'), { target: { value: fill.reason } })
    }
    if ('amount' in fill) fireEvent.input(screen.getByLabelText('Amount'), { target: { value: fill.amount } })
    expect(save.disabled).toBe(false)
    fireEvent.click(save)
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe(label))
    commit()
    await waitFor(() => expect(sent).toHaveLength(1))
    expect(sent[0]).toEqual({ leadId: 'lead_1', ...expected, actionId: expect.any(String) })
    // A closed lead offers no more actions.
    await waitFor(() => expect(screen.queryByTestId('undo-bar')).toBeNull())
    if (outcome !== 'converted') expect(screen.queryByRole('button', { name: /touch/i })).toBeNull()
  })

  it("offers the criteria's own reasons from the brief", () => {
    show({ kind: 'lead', lead: { ...lead, disqualificationReasons: ['Student', 'Competitor'] } })
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'lost' } })
    const options = [...(screen.getByLabelText('Reason') as HTMLSelectElement).options].map((o) => o.value)
    expect(options).toEqual(['', 'Student', 'Competitor'])
  })

  it('accept sends the accepted outcome', async () => {
    const { actions, commit, sent } = heldActions(() => ({ ...lead, status: 'accepted' }))
    show({ kind: 'lead', lead }, { actions })
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }))
    commit()
    await waitFor(() => expect(sent).toEqual([{ leadId: 'lead_1', outcome: 'accepted', actionId: expect.any(String) }]))
  })

  it('shows a failed action as one line and puts the brief back', async () => {
    const actions: OverlayActions = {
      ...noActions,
      logTouch: async () => ({
        kind: 'server_down',
        message:
          'Handoff server unreachable; retrying on its own. If it lasts, check the server URL in the options or ask your admin.',
      }),
    }
    show({ kind: 'lead', lead }, { actions })
    fireEvent.click(screen.getByRole('button', { name: 'Log first touch' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Handoff server unreachable; retrying on its own. If it lasts, check the server URL in the options or ask your admin.',
    )
    expect(screen.getByTestId('status').textContent).toBe('Assigned')
  })

  it("a colleague's lead says whose it is and when it was met, with no actions and no lead data", () => {
    show({
      kind: 'forbidden',
      message: 'Assigned to Ana Ruiz',
      owner: { name: 'Ana Ruiz', metAt: new Date(T0 + 5 * MIN - 2 * 60 * MIN).toISOString() },
    })
    expect(screen.getByTestId('colleague').textContent).toBe('Assigned to Ana Ruiz · met 2 h ago')
    expect(screen.queryByRole('button')).toBeNull()
    expect(screen.queryByTestId('lead-name')).toBeNull()
  })

  it('links phone and email safely, whatever the lead wrote', () => {
    show({
      kind: 'lead',
      lead: { ...lead, email: 'a"b@x.test?cc=evil@y.test', phone: '+1 (555) 010-99 ext. <b>7</b>' },
    })
    expect(screen.getByTestId('contact-email').getAttribute('href')).toBe('mailto:a%22b@x.test%3Fcc%3Devil@y.test')
    expect(screen.getByTestId('contact-phone').getAttribute('href')).toBe('tel:+1555010997')
    expect(screen.getByTestId('contact-phone').textContent).toBe('+1 (555) 010-99 ext. <b>7</b>')
  })
})

describe('why now, in words', () => {
  it('leads with the signal, then the freshest activity with how long ago, each said once', () => {
    const now = T0 + 4 * MIN
    const item = (summary: string, lastAt: number, count = 1) => ({
      type: 'page_view',
      summary,
      count,
      firstAt: new Date(lastAt).toISOString(),
      lastAt: new Date(lastAt).toISOString(),
    })
    const parts = whyNowParts(
      {
        whyNow: { summary: 'Requested a demo', at: new Date(T0).toISOString() },
        timeline: [
          item('Submitted form demo_request', T0),
          item('Downloaded the ROI guide', T0 - 3 * 24 * 60 * MIN),
          item('Visited /pricing 3 times', T0 - 2 * 60 * MIN, 3),
        ],
      },
      now,
    )
    expect(parts).toEqual([
      'Requested a demo 4 min ago',
      'Visited /pricing 3 times 2 h ago',
      'Downloaded the ROI guide 3 days ago',
    ])
    expect(ago(now, now)).toBe('just now')
    expect(ago(now - 24 * 60 * MIN, now)).toBe('yesterday')
  })
})

describe('lead page', () => {
  it('shows the full brief with its actions for the id in the URL', async () => {
    const getLead = vi.fn(async (): Promise<LookupResult> => ({ kind: 'lead', lead }))
    render(<LeadPage leadId="lead_1" getLead={getLead} actions={noActions} now={() => T0 + 5 * MIN} />)
    await waitFor(() => expect(screen.getByTestId('lead-name').textContent).toBe('Jane Doe'))
    expect(getLead).toHaveBeenCalledWith('lead_1')
    expect(screen.getByRole('button', { name: 'Log first touch' })).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Collapse' })).toBeNull()
  })

  it('looks nothing up for an id that is not one, and says when the lead is gone', async () => {
    const getLead = vi.fn(async (): Promise<LookupResult> => ({ kind: 'not_found' }))
    render(<LeadPage leadId={'../admin?x=<b>'} getLead={getLead} actions={noActions} />)
    expect(screen.getByRole('status').textContent).toBe('This link does not name a lead.')
    expect(getLead).not.toHaveBeenCalled()
    cleanup()
    render(<LeadPage leadId="lead_gone" getLead={getLead} actions={noActions} />)
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/No such lead/))
  })
})
