import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ManagerApp } from '../../extension/components/manager/manager-app'
import type { AdminResult } from '../../extension/messaging-admin'

afterEach(() => cleanup())

const lead = {
  id: 'lead_1',
  email: 'zoe@acme.test',
  name: 'Zoë <img src=x>',
  title: null,
  company: 'Acme',
  status: 'sql',
  hot: true,
  score: { total: 80 },
  source: null,
  campaign: null,
  assignee: { id: 'rep_ben', name: 'Ben', email: 'ben@example.com' },
  sla: { policy: null, state: 'breached', startedAt: null, dueAt: null, breachedAt: null },
  whyNow: null,
  createdAt: '2026-12-04T08:00:00.000Z',
  updatedAt: '2026-12-04T08:00:00.000Z',
}
const QUEUE = {
  now: '2026-12-04T09:00:00.000Z',
  counts: { unassigned: 0, escalated: 1, returned: 0 },
  items: [{ reason: 'escalated', since: '2026-12-04T08:30:00.000Z', lead }],
}
const rep = (id: string, name: string) => ({
  rep: { id, name, email: `${id}@example.com`, role: 'rep', active: true },
  timeZone: 'UTC',
  counts: { open: 0, dueSoon: 0, overdue: 0 },
  firstTouch: {
    today: { from: QUEUE.now, touched: 0, medianMs: null },
    week: { from: QUEUE.now, touched: 0, medianMs: null },
  },
  sla: { clocks: 0, met: 0, breached: 0, complianceRate: null },
  capacity: { open: 0, max: null, full: false },
  outOfOffice: { now: false, range: null },
})
const BOARD = {
  now: QUEUE.now,
  totals: { open: 0, dueSoon: 0, overdue: 0 },
  reps: [rep('rep_ana', 'Ana'), rep('rep_ben', 'Ben')],
}

const POOLS = { pools: [{ id: 'pool_emea', name: 'EMEA <b>team</b>' }] }

const fake = (reassign: AdminResult<unknown>) =>
  vi.fn(async (req: { kind: string; name?: string }): Promise<AdminResult<unknown>> => {
    if (req.kind === 'reassign') return reassign
    return { ok: true, data: req.name === 'queue' ? QUEUE : req.name === 'pools' ? POOLS : BOARD }
  })

describe("manager page: managers' queue", () => {
  const moved = (repName: string) =>
    fake({ ok: true, data: { assignment: { id: 'as_2', repId: 'rep_x', repName, poolId: null, dueAt: null }, lead } })

  it('reassigns an escalated lead to a chosen rep with a reason', async () => {
    const managerRequest = moved('Ana')
    render(<ManagerApp api={{ managerRequest }} />)
    fireEvent.click(screen.getByRole('tab', { name: "Managers' queue" }))
    fireEvent.click(await screen.findByRole('button', { name: 'Reassign…' }))
    const form = within(screen.getByRole('form', { name: 'Reassign Zoë <img src=x>' }))
    await form.findByRole('option', { name: 'EMEA <b>team</b>' })
    // Ben holds the lead: he is not offered.
    expect(form.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Choose a rep or a pool…',
      'Ana',
      'EMEA <b>team</b>',
    ])
    fireEvent.change(form.getByLabelText('Reassign to'), { target: { value: 'rep:rep_ana' } })
    fireEvent.input(form.getByLabelText('Reason'), { target: { value: 'Ben is out sick' } })
    fireEvent.submit(form.getByRole('button', { name: 'Reassign' }).closest('form')!)
    await waitFor(() =>
      expect(managerRequest).toHaveBeenCalledWith({
        kind: 'reassign',
        leadId: 'lead_1',
        body: { repId: 'rep_ana', reason: 'Ben is out sick' },
      }),
    )
    expect((await screen.findByRole('status')).textContent).toBe('Reassigned Zoë <img src=x> to Ana')
  })

  it('sends a lead back to a pool picked from the list of pools, and says whom the pool picked', async () => {
    const managerRequest = moved('Cleo <i>Pool</i>')
    render(<ManagerApp api={{ managerRequest }} />)
    fireEvent.click(screen.getByRole('tab', { name: "Managers' queue" }))
    fireEvent.click(await screen.findByRole('button', { name: 'Reassign…' }))
    const form = within(screen.getByRole('form', { name: 'Reassign Zoë <img src=x>' }))
    await form.findByRole('option', { name: 'EMEA <b>team</b>' })
    fireEvent.change(form.getByLabelText('Reassign to'), { target: { value: 'pool:pool_emea' } })
    fireEvent.input(form.getByLabelText('Reason'), { target: { value: 'rebalance' } })
    fireEvent.submit(form.getByRole('button', { name: 'Reassign' }).closest('form')!)
    await waitFor(() =>
      expect(managerRequest).toHaveBeenCalledWith({
        kind: 'reassign',
        leadId: 'lead_1',
        body: { poolId: 'pool_emea', reason: 'rebalance' },
      }),
    )
    expect(managerRequest).toHaveBeenCalledWith({ kind: 'get', name: 'pools' })
    expect((await screen.findByRole('status')).textContent).toBe('Reassigned Zoë <img src=x> to Cleo <i>Pool</i>')
  })

  it('shows the worker refusing a reassignment', async () => {
    const managerRequest = fake({
      ok: false,
      error: { status: 409, code: 'conflict', message: 'Ben already has this lead', issues: [] },
    })
    render(<ManagerApp api={{ managerRequest }} />)
    fireEvent.click(screen.getByRole('tab', { name: "Managers' queue" }))
    fireEvent.click(await screen.findByRole('button', { name: 'Reassign…' }))
    const form = screen.getByRole('form', { name: 'Reassign Zoë <img src=x>' })
    fireEvent.input(within(form).getByLabelText('Reason'), { target: { value: 'x' } })
    fireEvent.submit(form)
    expect((await screen.findByRole('alert')).textContent).toBe('Ben already has this lead')
  })
})

describe('manager page: search', () => {
  it('searches by text and links each result to the lead page', async () => {
    const managerRequest = vi.fn(async (): Promise<AdminResult<unknown>> => ({
      ok: true,
      data: { leads: [lead], nextCursor: null },
    }))
    render(<ManagerApp api={{ managerRequest }} />)
    fireEvent.click(screen.getByRole('tab', { name: 'Search' }))
    fireEvent.input(screen.getByLabelText('Name, email or company'), { target: { value: 'acme' } })
    fireEvent.submit(screen.getByRole('search'))
    const link = await screen.findByRole('link', { name: 'Zoë <img src=x>' })
    expect(link.getAttribute('href')).toBe('lead.html?id=lead_1')
    expect(managerRequest).toHaveBeenCalledWith({ kind: 'get', name: 'leads', query: { q: 'acme' } })
  })
})
