import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Overlay, type OverlayActions, type OverlayState } from '../../extension/components/overlay/overlay'
import { clockText } from '../../extension/components/overlay/sla-clock'
import { countAt, nextCrossing } from '../../extension/lib/sla'
import type { ActionResult } from '../../extension/messaging'
import { makeBrief } from './support/brief'

const T0 = Date.parse('2026-11-23T10:00:00Z')
const MIN = 60_000
const clock = { startedAt: T0, dueSoonAt: T0 + 48 * MIN, dueAt: T0 + 60 * MIN }
const lead = makeBrief({ id: 'lead_1' }, clock)

const noActions: OverlayActions = {
  logTouch: vi.fn(async (): Promise<ActionResult> => ({ kind: 'ok', lead })),
  setDisposition: vi.fn(async (): Promise<ActionResult> => ({ kind: 'ok', lead })),
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
    ['server_down', 'Handoff server unreachable. Retrying shortly.'],
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
    expect(screen.getByTestId('why-now').textContent).toContain('Requested a demo 3 minutes ago')
    expect(screen.getByTestId('timeline').textContent).toContain('Requested a demo')
    expect(screen.getByTestId('interests').textContent).toContain('Pricing')
    expect(screen.getByTestId('objections').textContent).toContain('Security review')
    expect(screen.getByTestId('assignee').textContent).toContain('Sam Rep')
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
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://acme.example/guide'])
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer')
    expect(links[0]!.getAttribute('target')).toBe('_blank')
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

describe('actions', () => {
  it('logs the first touch with the chosen channel and shows the updated lead at once', async () => {
    const met = makeBrief({ id: 'lead_1', status: 'contacted' }, { ...clock, metAt: T0 + 5 * MIN })
    const actions: OverlayActions = { ...noActions, logTouch: vi.fn(async () => ({ kind: 'ok', lead: met }) as const) }
    show({ kind: 'lead', lead }, { actions })
    fireEvent.change(screen.getByLabelText('Channel'), { target: { value: 'linkedin' } })
    fireEvent.click(screen.getByRole('button', { name: 'Log first touch' }))
    await waitFor(() => expect(screen.getByTestId('sla-clock').textContent).toBe('First touch done'))
    expect(actions.logTouch).toHaveBeenCalledWith('lead_1', 'linkedin')
    expect(screen.getByTestId('status').textContent).toBe('Contacted')
    expect(screen.queryByRole('button', { name: 'Log first touch' })).toBeNull()
  })

  it('accepts, and disqualifies only with a reason from the list', async () => {
    const actions: OverlayActions = {
      ...noActions,
      setDisposition: vi.fn(
        async (m) =>
          ({ kind: 'ok', lead: { ...lead, status: m.outcome === 'accepted' ? 'accepted' : 'disqualified' } }) as const,
      ),
    }
    show({ kind: 'lead', lead }, { actions })
    const disqualify = screen.getByRole('button', { name: 'Disqualify' }) as HTMLButtonElement
    expect(disqualify.disabled).toBe(true)
    fireEvent.change(screen.getByLabelText('Disqualify reason'), { target: { value: 'no budget' } })
    expect(disqualify.disabled).toBe(false)
    fireEvent.click(disqualify)
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Disqualified'))
    expect(actions.setDisposition).toHaveBeenCalledWith({
      leadId: 'lead_1',
      outcome: 'disqualified',
      reason: 'no budget',
    })
  })

  it('accept sends the accepted outcome', async () => {
    show({ kind: 'lead', lead })
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }))
    await waitFor(() =>
      expect(noActions.setDisposition).toHaveBeenCalledWith({ leadId: 'lead_1', outcome: 'accepted' }),
    )
  })

  it('shows a failed action as one line', async () => {
    const actions: OverlayActions = {
      ...noActions,
      logTouch: async () => ({ kind: 'forbidden', message: 'This lead is not assigned to you.' }),
    }
    show({ kind: 'lead', lead }, { actions })
    fireEvent.click(screen.getByRole('button', { name: 'Log first touch' }))
    expect((await screen.findByRole('alert')).textContent).toBe('This lead is not assigned to you.')
  })
})
