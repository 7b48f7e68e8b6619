import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ManagerReports } from '../../extension/components/manager/reports'
import type { AdminApi, AdminResult } from '../../extension/messaging-admin'
import { SPEED_BUCKETS } from '../../shared/schemas/reports'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const MIN = 60_000
const range = { from: '2026-09-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }
const histogram = SPEED_BUCKETS.map((b, i) => ({
  label: b.label,
  fromMs: b.fromMs,
  toMs: b.toMs,
  count: [4, 3, 0, 2, 1, 0][i] ?? 0,
}))
const speedRow = (label: string, medianMin: number) => ({
  key: label,
  label,
  leads: 10,
  touched: 10,
  medianSeconds: medianMin * 60,
  p90Seconds: medianMin * 120,
  medianMs: medianMin * MIN,
  p90Ms: medianMin * 2 * MIN,
  within5mShare: 0.4,
  within1hShare: 0.9,
  neverShare: 0,
  histogram,
})
const ANSWERS: Record<string, unknown> = {
  speedToLead: { ...range, groupBy: 'rep', total: speedRow('All', 7), rows: [speedRow('=Ana "the closer"', 4)] },
  speedTrend: {
    ...range,
    groupBy: 'all',
    weeks: ['2026-11-16', '2026-11-23'],
    series: [
      {
        key: null,
        label: 'All',
        points: [
          { week: '2026-11-16', leads: 5, touched: 5, medianMs: 6 * MIN, p90Ms: 20 * MIN },
          { week: '2026-11-23', leads: 5, touched: 5, medianMs: 3 * MIN, p90Ms: 9 * MIN },
        ],
      },
    ],
  },
  slaCompliance: {
    ...range,
    groupBy: 'rep',
    rows: [
      {
        key: 'r1',
        repId: 'r1',
        name: 'Ana',
        clocks: 4,
        met: 3,
        breached: 1,
        reassigned: 0,
        open: 0,
        stopped: 0,
        complianceRate: 0.75,
      },
    ],
  },
  funnel: {
    ...range,
    groupBy: 'source',
    rows: [
      {
        key: 'webinar',
        leads: 20,
        mql: 10,
        sql: 5,
        accepted: 4,
        converted: 2,
        won: 2,
        wonAmount: 24000,
        disqualified: 3,
        lost: 1,
        reasons: [],
        rates: { mql: 0.5, sql: 0.5, accepted: 0.8, won: 0.5, leadToWon: 0.1 },
      },
    ],
  },
  reasons: {
    ...range,
    groupBy: 'source',
    rows: [{ key: 'webinar', outcome: 'lost', reason: 'budget', count: 1, share: 0.25 }],
  },
  mqlTarget: {
    ...range,
    target: 40,
    months: [],
    thisMonth: {
      month: '2026-12',
      mqls: 12,
      target: 40,
      attainment: 0.3,
      expectedByNow: 5,
      daysElapsed: 4,
      daysInMonth: 31,
    },
  },
}

const fakeApi = (fail?: string): Pick<AdminApi, 'managerRequest'> => ({
  managerRequest: vi.fn(async (req): Promise<AdminResult<unknown>> => {
    const name = req.kind === 'get' ? req.name : 'reassign'
    if (name === fail)
      return { ok: false, error: { status: 500, code: 'internal', message: 'Reports are down', issues: [] } }
    return { ok: true, data: ANSWERS[name] }
  }),
})

describe('manager page: reports', () => {
  it('draws the histogram and the weekly trend as SVG, with the figures in human units', async () => {
    const api = fakeApi()
    render(<ManagerReports api={api} />)
    expect((await screen.findByTestId('speed-summary')).textContent).toBe(
      'Median 7 min · p90 14 min · 10 of 10 leads touched',
    )
    const [bars, trend] = screen.getAllByTestId('chart')
    // One bar per bucket with leads in it (Plot draws none for a zero height).
    await vi.waitFor(() => expect(bars!.querySelectorAll('svg rect').length).toBeGreaterThanOrEqual(4))
    expect(bars!.textContent).toContain('< 5 min')
    expect(trend!.querySelectorAll('svg path').length).toBeGreaterThan(0)
    expect(trend!.textContent).toMatch(/median/)
    expect(screen.getByTestId('mql-target').textContent).toBe('12 of 40 MQLs (30 %); 5 expected by today')
    const funnel = within(screen.getByRole('table', { name: 'Funnel by source' }))
    expect(funnel.getByText('24000')).toBeTruthy()
    // Durations in human units in the table (the CSV keeps whole minutes).
    const byRep = within(screen.getByRole('table', { name: 'Speed to lead by rep' }))
    expect(byRep.getAllByRole('columnheader').map((h) => h.textContent)).toContain('Median')
    expect(byRep.getAllByText('4 min').length).toBeGreaterThan(0)
    // The range is sent with every report.
    const calls = (api.managerRequest as ReturnType<typeof vi.fn>).mock.calls.map(([r]) => r)
    expect(calls.every((r) => typeof r.query?.from === 'string' && typeof r.query?.to === 'string')).toBe(true)
  })

  it('exports a table as CSV with formula-looking cells defused', async () => {
    let blob: Blob | undefined
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => ((blob = b as Blob), 'blob:csv'))
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    render(<ManagerReports api={fakeApi()} />)
    await screen.findByTestId('speed-summary')
    const buttons = screen.getAllByRole('button', { name: 'Export CSV' })
    fireEvent.click(buttons[1]!) // speed to lead by rep
    const text = await blob!.text()
    expect(text.split('\r\n')[0]).toBe('Rep,Leads,Touched,Median (min),p90 (min),Within 5 min,Never touched')
    expect(text.split('\r\n')[1]).toBe(`"'=Ana ""the closer""",10,10,4,8,0.4,0`)
  })

  it('asks again when the range changes, and shows a server error', async () => {
    const api = fakeApi('funnel')
    const { container } = render(<ManagerReports api={api} />)
    expect((await screen.findByRole('alert')).textContent).toBe('Reports are down')
    const before = (api.managerRequest as ReturnType<typeof vi.fn>).mock.calls.length
    fireEvent.change(container.querySelector('input[type="date"]')!, { target: { value: '2026-11-01' } })
    await vi.waitFor(() =>
      expect((api.managerRequest as ReturnType<typeof vi.fn>).mock.calls.length).toBeGreaterThan(before),
    )
    const last = (api.managerRequest as ReturnType<typeof vi.fn>).mock.calls.at(-1)![0]
    expect(last.query.from).toBe('2026-11-01T00:00:00.000Z')
  })
})
