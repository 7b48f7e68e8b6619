import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TeamBoard } from '../../extension/components/manager/team-board'
import { formatDuration } from '../../extension/manager/duration'
import type { AdminApi, AdminResult } from '../../extension/messaging-admin'

afterEach(() => cleanup())

const windowOf = (medianMs: number | null) => ({ from: '2026-12-04T00:00:00.000Z', touched: 2, medianMs })
const BOARD = {
  now: '2026-12-04T09:00:00.000Z',
  totals: { open: 3, dueSoon: 1, overdue: 1 },
  reps: [
    {
      rep: { id: 'rep_ana', name: 'Ana <b>Ruiz</b>', email: 'ana@example.com', role: 'rep', active: true },
      timeZone: 'UTC',
      counts: { open: 3, dueSoon: 1, overdue: 1 },
      firstTouch: { today: windowOf(4 * 60_000), week: windowOf(125 * 60_000) },
      sla: { clocks: 4, met: 3, breached: 1, complianceRate: 0.75 },
      capacity: { open: 3, max: 10, full: false },
      outOfOffice: { now: false, range: null },
    },
  ],
}

const apiOf = (answer: AdminResult<unknown>): Pick<AdminApi, 'managerRequest'> => ({
  managerRequest: vi.fn(async () => answer),
})

describe('manager page: team board', () => {
  it('shows each rep with counts, first-touch medians in human units, SLA and capacity (names as text)', async () => {
    const api = apiOf({ ok: true, data: BOARD })
    render(<TeamBoard api={api} />)
    const row = within((await screen.findByText('Ana <b>Ruiz</b>')).closest('tr')!)
    expect(row.getByText('4 min')).toBeTruthy()
    expect(row.getByText('2 h 5 min')).toBeTruthy()
    expect(row.getByText('75 % (3/4)')).toBeTruthy()
    expect(row.getByText('3/10')).toBeTruthy()
    expect(api.managerRequest).toHaveBeenCalledWith({ kind: 'get', name: 'board' })
  })

  it("opens the managers' queue from a rep's overdue count", async () => {
    const onOpenQueue = vi.fn()
    render(<TeamBoard api={apiOf({ ok: true, data: BOARD })} onOpenQueue={onOpenQueue} />)
    fireEvent.click(
      await screen.findByRole('button', { name: "1 overdue for Ana <b>Ruiz</b>: open the managers' queue" }),
    )
    expect(onOpenQueue).toHaveBeenCalledOnce()
  })

  it('shows a server error to the user', async () => {
    render(
      <TeamBoard
        api={apiOf({ ok: false, error: { status: 500, code: 'internal', message: 'The server failed', issues: [] } })}
      />,
    )
    expect((await screen.findByRole('alert')).textContent).toBe('The server failed')
  })

  it('formats durations in human units', () => {
    expect(formatDuration(45_000)).toBe('45 s')
    expect(formatDuration(3 * 3600_000)).toBe('3 h')
    expect(formatDuration(null)).toBe('—')
  })
})
