/**
 * Every state and action of the rep's brief, driven through the extension's real background (handlers,
 * undo window, queue sync, badge) in front of an in-memory server (`support/fake-background.ts`). Each
 * test reads what a rep reads: visible text, roles, the badge and the stored queue.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fakeBrowser } from 'wxt/testing/fake-browser'
import { LeadPage } from '../../extension/components/overlay/lead-page'
import { Overlay, type OverlayState } from '../../extension/components/overlay/overlay'
import { cachedQueue } from '../../extension/storage'
import type { Brief } from '../../shared/schemas/lead'
import { fakeBackground } from './support/fake-background'
import { makeBrief } from './support/brief'

const T0 = Date.parse('2026-11-23T10:00:00Z')
const MIN = 60_000
const DAY = 24 * 60 * MIN
const clock = { startedAt: T0, dueSoonAt: T0 + 48 * MIN, dueAt: T0 + 60 * MIN }
const REASONS = ['Student', 'Competitor', 'No budget']
const iso = (ms: number) => new Date(ms).toISOString()

const noActions = fakeBackground({ leads: [], now: () => T0 }).actions

/** The overlay, expanded (the brief) or collapsed (the pill), at `now`. */
const showOverlay = (state: OverlayState, now: number, expanded = true) =>
  render(
    <Overlay
      state={state}
      expanded={expanded}
      onToggle={() => {}}
      showNotALead={false}
      actions={noActions}
      now={() => now}
    />,
  )

beforeEach(() => fakeBrowser.reset())
afterEach(() => cleanup())

describe('the clock follows the server', () => {
  it.each([
    ['running, green', T0 + 5 * MIN, 'running', '55m left'],
    ['due soon, amber', T0 + 50 * MIN, 'due_soon', '10m left'],
    ['breached, red, overdue', T0 + 72 * MIN, 'breached', 'overdue by 12m'],
  ])('is %s in the brief and on the pill', (_, now, state, text) => {
    for (const expanded of [true, false]) {
      showOverlay({ kind: 'lead', lead: makeBrief({ id: 'lead_1' }, clock) }, now, expanded)
      const el = screen.getByRole('timer')
      expect(el.dataset.state).toBe(state)
      expect(el.className).toContain(`clock--${state}`)
      expect(el.textContent).toBe(text)
      cleanup()
    }
  })

  it('is met once touched, even when the touch came after the breach, and never turns red', () => {
    const late = makeBrief({ id: 'late', status: 'contacted' }, { ...clock, metAt: T0 + 90 * MIN })
    late.sla.state = 'met'
    for (const expanded of [true, false]) {
      const { container } = showOverlay({ kind: 'lead', lead: late }, T0 + 3 * DAY, expanded)
      const el = screen.getByRole('timer')
      expect(el.dataset.state).toBe('met')
      expect(el.className).not.toContain('breached')
      expect(el.textContent).toBe('First touch done')
      expect(container.textContent).not.toMatch(/overdue/i)
      cleanup()
    }
  })

  it.each([
    ['won', 'Won'],
    ['lost', 'Lost'],
    ['converted', 'Converted'],
    ['disqualified', 'Disqualified'],
    ['recycled', 'Recycled'],
  ] as const)('is stopped on a %s lead, 43 days past its due time: grey, no "overdue", no actions', (status, label) => {
    const closed = makeBrief({ id: `lead_${status}`, status }, clock)
    closed.sla = { ...closed.sla, stoppedAt: iso(T0 + 10 * MIN), state: 'none' }
    for (const expanded of [true, false]) {
      const { container } = showOverlay({ kind: 'lead', lead: closed }, T0 + 43 * DAY, expanded)
      const el = screen.getByRole('timer')
      expect(el.dataset.state).toBe('none')
      expect(el.className).not.toMatch(/breached|due_soon/)
      expect(el.textContent).toBe('Clock stopped')
      expect(container.textContent).not.toMatch(/overdue/i)
      if (expanded) {
        expect(screen.getByTestId('status').textContent).toBe(label)
        expect(screen.queryByTestId('actions')).toBeNull()
        expect(screen.queryByLabelText('Outcome')).toBeNull()
      }
      cleanup()
    }
  })
})

describe('hot leads and next steps', () => {
  it('marks a hot lead while it is open, and stops shouting once it is closed', () => {
    showOverlay({ kind: 'lead', lead: makeBrief({ id: 'lead_hot', hot: true }, clock) }, T0 + MIN)
    expect(screen.getByTestId('hot').textContent).toBe('Hot')
    expect(screen.getByTestId('why-now-line').className).toBe('why-now')
    cleanup()
    const won = makeBrief({ id: 'lead_won', hot: true, status: 'won' }, clock)
    won.sla = { ...won.sla, stoppedAt: iso(T0 + 5 * MIN), state: 'none' }
    showOverlay({ kind: 'lead', lead: won }, T0 + MIN)
    expect(screen.queryByTestId('hot')).toBeNull()
    expect(screen.getByTestId('why-now-line').className).toContain('why-now--past')
  })

  it.each([
    ['not set up', /^Handoff is not set up: enter the server URL and your token in its options/],
    ['signed out', /^Signed out: the token was refused\. Check it in the options\.$/],
    ['server down', /retrying on its own\. If it lasts, check the server URL in the options or ask your admin\.$/],
    ['server erroring', /retrying on its own/],
  ] as const)('the lead page, %s, says what to do next and opens the options', async (how, says) => {
    const bg = fakeBackground({
      leads: [makeBrief({ id: 'lead_1' }, clock)],
      now: () => T0,
      configured: how !== 'not set up',
    })
    if (how === 'signed out') bg.serverDown(401)
    if (how === 'server down') bg.serverDown('network')
    if (how === 'server erroring') bg.serverDown(503)
    let opened = 0
    render(<LeadPage leadId="lead_1" getLead={bg.getLead} actions={bg.actions} openOptions={() => opened++} />)
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(says))
    expect(screen.queryByTestId('lead-name')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Open the options' }))
    expect(opened).toBe(1)
  })

  it('the lead page offers no options button for a lead that is simply gone', async () => {
    const bg = fakeBackground({ leads: [], now: () => T0 })
    render(<LeadPage leadId="lead_gone" getLead={bg.getLead} actions={bg.actions} openOptions={() => {}} />)
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/No such lead/))
    expect(screen.queryByRole('button')).toBeNull()
  })
})

describe('the clock history', () => {
  it("says why a lead left the queue (the server's words), and leaves out the start the countdown already shows", () => {
    const recycled = makeBrief({ id: 'lead_old', status: 'recycled' }, clock)
    recycled.sla = {
      ...recycled.sla,
      stoppedAt: iso(T0 + 3 * DAY),
      state: 'none',
      history: [
        { at: iso(T0), kind: 'started', detail: 'Hot leads clock started, due 2026-11-23T11:00:00.000Z' },
        { at: iso(T0 + 60 * MIN), kind: 'breach', detail: 'Hot leads SLA breached' },
        {
          at: iso(T0 + 3 * DAY),
          kind: 'recycle',
          detail: "Still untouched 3 d after the Hot leads SLA breach: recycled, back to the managers' queue",
        },
        { at: iso(T0 + 3 * DAY), kind: 'stopped', detail: 'Clock stopped' },
      ],
    }
    showOverlay({ kind: 'lead', lead: recycled }, T0 + 4 * DAY)
    const history = within(screen.getByTestId('clock-history'))
    expect(screen.getByTestId('clock-history').textContent).toContain(
      "Still untouched 3 d after the Hot leads SLA breach: recycled, back to the managers' queue",
    )
    expect(screen.getByTestId('clock-history').textContent).not.toContain('clock started')
    expect(history.getAllByRole('listitem')).toHaveLength(3)
  })

  it('is not shown while nothing has happened to the clock yet', () => {
    const fresh = makeBrief({ id: 'lead_new' }, clock)
    fresh.sla.history = [{ at: iso(T0), kind: 'started', detail: 'Hot leads clock started' }]
    showOverlay({ kind: 'lead', lead: fresh }, T0 + MIN)
    expect(screen.queryByTestId('clock-history')).toBeNull()
  })
})

describe("a colleague's lead", () => {
  const colleagues = [
    { id: 'lead_ana', owner: 'Ana Ruiz', metAt: iso(T0 - 2 * 60 * MIN), email: 'secret@lead.test' },
    { id: 'lead_ben', owner: 'Ben Ode', metAt: null, email: 'secret@lead.test' },
  ]

  it.each([
    ['lead_ana', 'Assigned to Ana Ruiz · met 2 h ago'],
    ['lead_ben', 'Assigned to Ben Ode · not touched yet'],
  ])('%s says whose it is, in the overlay and on the lead page, with no actions and nothing else', async (id, line) => {
    const bg = fakeBackground({ leads: [], now: () => T0, colleagues })
    const state = await bg.getLead(id)
    expect(state.kind).toBe('forbidden')
    const { container } = showOverlay(state as OverlayState, T0)
    expect(screen.getByRole('status').textContent).toBe(line)
    expect(container.textContent).toBe(line)
    expect(screen.queryByRole('button')).toBeNull()
    expect(container.querySelector('a')).toBeNull()
    cleanup()

    const page = render(<LeadPage leadId={id} getLead={bg.getLead} actions={bg.actions} now={() => T0} />)
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(line))
    expect(page.container.textContent).not.toContain('secret@lead.test')
    expect(screen.queryByRole('button')).toBeNull()
    expect(screen.queryByRole('timer')).toBeNull()
  })
})

/** One overdue lead (the badge shows 1) on its lead page, with the real background behind it. */
const workLead = async (over: Partial<Brief> = {}) => {
  const now = T0 + 70 * MIN
  const lead = makeBrief({ id: 'lead_1', disqualificationReasons: REASONS, ...over }, clock)
  const other = makeBrief({ id: 'lead_2', firstName: 'Other' }, { ...clock, dueAt: T0 + 2 * DAY, dueSoonAt: T0 + DAY })
  const bg = fakeBackground({ leads: [lead, other], now: () => now })
  await bg.sync.refresh()
  expect(await bg.badge()).toBe('1')
  render(<LeadPage leadId="lead_1" getLead={bg.getLead} actions={bg.actions} now={() => now} />)
  await waitFor(() => expect(screen.getByTestId('lead-name').textContent).toBe('Jane Doe'))
  expect(screen.getByRole('timer').dataset.state).toBe('breached')
  const queued = async () => (await cachedQueue.getValue())?.queue.leads.map((l) => l.id)
  return { bg, queued }
}

/** Waits until the click has been sent and the background has answered with the server's brief. */
const sent = async (bg: ReturnType<typeof fakeBackground>, n = 1) => {
  expect(bg.heldCount()).toBe(1)
  bg.endUndoWindow()
  await waitFor(() => expect(bg.received).toHaveLength(n))
  await waitFor(() => expect(screen.queryByTestId('undo-bar')).toBeNull())
}

describe('actions, through the background', () => {
  it('logs a call with a note: met at once with Undo, then sent; the badge and queue drop the lead; a later touch', async () => {
    const { bg, queued } = await workLead()
    fireEvent.change(screen.getByLabelText('Channel'), { target: { value: 'call' } })
    fireEvent.input(screen.getByLabelText('Note'), { target: { value: 'Left a voicemail, calling back Tue' } })
    fireEvent.click(screen.getByRole('button', { name: 'Log first touch' }))
    // At once, before the server has it.
    await waitFor(() => expect(screen.getByRole('timer').textContent).toBe('First touch done'))
    expect(screen.getByTestId('status').textContent).toBe('Contacted')
    expect(screen.getByTestId('undo-bar').textContent).toContain('Call logged')
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy()
    expect(bg.received).toEqual([])
    await sent(bg)
    expect(bg.received[0]).toEqual({
      path: '/v1/leads/lead_1/touch',
      body: { channel: 'call', note: 'Left a voicemail, calling back Tue' },
    })
    expect(await bg.badge()).toBe('')
    expect(await queued()).toEqual(['lead_2'])
    expect(screen.getByRole('timer').dataset.state).toBe('met')
    expect((screen.getByLabelText('Note') as HTMLInputElement).value).toBe('') // ready for the next one

    // A later touch, on another channel.
    fireEvent.change(screen.getByLabelText('Channel'), { target: { value: 'email' } })
    fireEvent.click(screen.getByRole('button', { name: 'Log touch' }))
    await waitFor(() => expect(screen.getByTestId('undo-bar').textContent).toContain('Email logged'))
    await sent(bg, 2)
    expect(bg.received[1]!.body).toEqual({ channel: 'email' })
  })

  it('accept keeps the clock running and the lead in the queue (the first touch is still owed)', async () => {
    const { bg, queued } = await workLead()
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }))
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Accepted'))
    await sent(bg)
    expect(bg.received[0]!.body).toEqual({ outcome: 'accepted' })
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Log first touch' })).toBeTruthy()
    expect(screen.getByRole('timer').dataset.state).toBe('breached')
    expect(await bg.badge()).toBe('1')
    expect(await queued()).toContain('lead_1')
  })

  it.each(['disqualified', 'lost'] as const)(
    "%s needs a reason from the criteria's own list; the clock stops, the lead leaves badge and queue",
    async (outcome) => {
      const { bg, queued } = await workLead()
      fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: outcome } })
      const reason = screen.getByLabelText('Reason') as HTMLSelectElement
      expect([...reason.options].map((o) => o.textContent)).toEqual(['Reason…', ...REASONS])
      const save = screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement
      expect(save.disabled).toBe(true)
      fireEvent.change(reason, { target: { value: 'Competitor' } })
      expect(save.disabled).toBe(false)
      fireEvent.click(save)
      const label = outcome === 'lost' ? 'Lost' : 'Disqualified'
      await waitFor(() => expect(screen.getByTestId('status').textContent).toBe(label))
      expect(screen.getByTestId('undo-bar').textContent).toContain(`Marked ${outcome}`)
      await sent(bg)
      expect(bg.received[0]).toEqual({
        path: '/v1/leads/lead_1/disposition',
        body: { outcome, reason: 'Competitor' },
      })
      expect(screen.getByRole('timer').textContent).toBe('Clock stopped')
      expect(screen.queryByTestId('actions')).toBeNull()
      expect(await bg.badge()).toBe('')
      expect(await queued()).toEqual(['lead_2'])
    },
  )

  it('won takes an amount (a negative one is refused before anything is sent)', async () => {
    const { bg, queued } = await workLead()
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'won' } })
    const save = screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement
    fireEvent.input(screen.getByLabelText('Amount'), { target: { value: '-5' } })
    expect(save.disabled).toBe(true)
    fireEvent.input(screen.getByLabelText('Amount'), { target: { value: '12000' } })
    fireEvent.click(save)
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Won'))
    await sent(bg)
    expect(bg.received[0]!.body).toEqual({ outcome: 'won', amount: 12000 })
    expect(bg.lead('lead_1')!.status).toBe('won')
    expect(screen.getByRole('timer').textContent).toBe('Clock stopped')
    expect(await bg.badge()).toBe('')
    expect(await queued()).toEqual(['lead_2'])
  })

  it.each([
    ['converted', 'Converted'],
    ['recycled', 'Recycled'],
  ] as const)('%s is one choice and a Save', async (outcome, label) => {
    const { bg } = await workLead()
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: outcome } })
    expect(screen.queryByLabelText('Reason')).toBeNull()
    expect(screen.queryByLabelText('Amount')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe(label))
    await sent(bg)
    expect(bg.received[0]!.body).toEqual({ outcome })
    expect(screen.getByRole('timer').textContent).toBe('Clock stopped')
    expect(await bg.badge()).toBe('')
  })

  it('undo within the window puts everything back and nothing reaches the server', async () => {
    const { bg, queued } = await workLead()
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'won' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Won'))
    expect(screen.getByRole('timer').textContent).toBe('Clock stopped')
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Assigned'))
    expect(screen.getByRole('timer').dataset.state).toBe('breached')
    expect(screen.queryByTestId('undo-bar')).toBeNull()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(bg.heldCount()).toBe(0)
    bg.endUndoWindow()
    expect(bg.received).toEqual([])
    expect(bg.lead('lead_1')!.status).toBe('assigned')
    expect(await bg.badge()).toBe('1')
    expect(await queued()).toContain('lead_1')
    // The actions are back, as they were.
    expect(screen.getByRole('button', { name: 'Log first touch' })).toBeTruthy()
  })

  it.each([
    [
      500,
      'Handoff server unreachable; retrying on its own. If it lasts, check the server URL in the options or ask your admin.',
    ],
    [422, 'Internal error'],
  ])('a server error (%i) shows as one line, puts the brief back and keeps the actions', async (status, message) => {
    const { bg, queued } = await workLead()
    bg.failWrites(status)
    fireEvent.click(screen.getByRole('button', { name: 'Log first touch' }))
    await waitFor(() => expect(screen.getByRole('timer').textContent).toBe('First touch done'))
    bg.endUndoWindow()
    expect((await screen.findByRole('alert')).textContent).toBe(message)
    expect(screen.getByTestId('status').textContent).toBe('Assigned')
    expect(screen.getByRole('timer').dataset.state).toBe('breached')
    expect(screen.getByRole('button', { name: 'Log first touch' })).toBeTruthy()
    expect(await bg.badge()).toBe('1')
    expect(await queued()).toContain('lead_1')
    // Once the server is back, the same click works.
    bg.failWrites(null)
    fireEvent.click(screen.getByRole('button', { name: 'Log first touch' }))
    await sent(bg)
    expect(within(screen.getByTestId('lead-page')).queryByRole('alert')).toBeNull()
    expect(await bg.badge()).toBe('')
  })
})
