import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type FakeConsole, createFakeConsole } from './console-fake-api'
import { ANA, BERLIN, CATCH_ALL, DACH, EMEA, HOT, MAX } from './console-fixtures'
import { choose, field, messagesOf, mountConsole, rowOf, submit, tick, type } from './support/console'

let api: FakeConsole
beforeEach(() => {
  api = createFakeConsole({
    reps: [ANA, MAX],
    calendars: [BERLIN],
    pools: [EMEA],
    routingRules: [DACH, CATCH_ALL],
    slaPolicies: [HOT],
  })
})
afterEach(() => cleanup())

const failWith = (resource: Parameters<FakeConsole['failNext']>[0], action: string, path: string, message: string) =>
  api.failNext(resource, action, {
    status: 422,
    code: 'validation_failed',
    message: 'Invalid input',
    issues: [{ path, message }],
  })

describe('console: calendars', () => {
  it('summarises split days and creates a calendar with a lunch break and a holiday', async () => {
    await mountConsole(api, '#calendars', 'Calendars')
    expect(rowOf('Berlin office').getByText('Mon–Fri 09:00–12:00, 13:00–17:00')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'New calendar' }))
    type('name', 'New York')
    type('timeZone', 'America/New_York')
    type('schedule.mon.0.end', '12:00')
    fireEvent.click(screen.getByRole('button', { name: 'Add hours on Monday' }))
    expect(field('schedule.mon.1.start').value).toBe('13:00')
    type('schedule.mon.1.end', '18:00')
    fireEvent.click(screen.getByRole('button', { name: "Copy Monday's hours to Tue–Fri" }))
    fireEvent.click(screen.getByRole('button', { name: '+ holiday' }))
    type('holidays.0', '2026-11-26')
    submit()
    await screen.findByText("Created 'New York'.")
    const [body] = api.bodies('calendars', 'create')
    const split = [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ]
    expect(body).toEqual({
      name: 'New York',
      timeZone: 'America/New_York',
      schedule: { mon: split, tue: split, wed: split, thu: split, fri: split },
      holidays: ['2026-11-26'],
    })
  })

  it('shows overlaps and bad times at the day, and a 422 path on its field', async () => {
    await mountConsole(api, '#calendars', 'Calendars')
    fireEvent.click(screen.getByRole('button', { name: "Edit calendar 'Berlin office'" }))
    type('schedule.tue.1.start', '11:00')
    expect(screen.getByRole('group', { name: 'Tuesday' }).textContent).toContain('overlaps the interval at index 0')
    type('schedule.tue.1.start', '13:00')
    failWith('calendars', 'update', 'holidays.0', 'No such date')
    submit()
    await waitFor(() => expect(messagesOf('holidays.0')).toBe('No such date'))
  })
})

describe('console: pools', () => {
  it('names members and creates a pool with weights and a fallback', async () => {
    await mountConsole(api, '#pools', 'Pools')
    expect(rowOf('EMEA').getByText('Ana Ruiz')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'New pool' }))
    type('name', 'Americas')
    fireEvent.click(screen.getByRole('button', { name: '+ member' }))
    fireEvent.click(screen.getByRole('button', { name: '+ member' }))
    choose('members.1.repId', 'rep_max')
    type('members.1.weight', '3')
    choose('fallbackRepId', 'rep_max')
    tick('respectWorkingHours', true)
    submit()
    await screen.findByText("Created 'Americas'.")
    expect(api.bodies('pools', 'create')[0]).toEqual({
      name: 'Americas',
      respectWorkingHours: true,
      fallbackRepId: 'rep_max',
      members: [
        { repId: 'rep_ana', weight: null },
        { repId: 'rep_max', weight: 3 },
      ],
    })
    expect(rowOf('Americas').getByText('Ana Ruiz, Max Manager ×3')).toBeTruthy()
  })

  it('flags a duplicate member inline and maps a 422 on a member', async () => {
    await mountConsole(api, '#pools', 'Pools')
    fireEvent.click(screen.getByRole('button', { name: "Edit pool 'EMEA'" }))
    fireEvent.click(screen.getByRole('button', { name: '+ member' }))
    choose('members.1.repId', 'rep_ana')
    expect(messagesOf('members.1.repId')).toBe('Duplicate member')
    choose('members.1.repId', 'rep_max')
    failWith('pools', 'update', 'members.1.repId', 'No rep with this id')
    submit()
    await waitFor(() => expect(messagesOf('members.1.repId')).toBe('No rep with this id'))
  })
})

describe('console: routing rules', () => {
  it('lists rules in order with their conditions and reorders them', async () => {
    await mountConsole(api, '#routing', 'Routing rules')
    expect(rowOf('DACH').getByText('company.country is one of DE, AT, CH')).toBeTruthy()
    const names = () => [...document.querySelectorAll('tbody tr strong')].map((e) => e.textContent)
    expect(names()).toEqual(['DACH', 'Everyone else'])
    fireEvent.click(screen.getByRole('button', { name: "Move 'Everyone else' up" }))
    await waitFor(() => expect(names()).toEqual(['Everyone else', 'DACH']))
    expect(api.store.routingRules.find((r) => r.id === 'rule_all')?.position).toBe(10)
  })

  it('creates a territory rule with a condition, after the last rule', async () => {
    await mountConsole(api, '#routing', 'Routing rules')
    fireEvent.click(screen.getByRole('button', { name: 'New routing rule' }))
    expect(field('position').value).toBe('30')
    type('name', 'Nordics')
    choose('poolId', 'pool_emea')
    fireEvent.click(screen.getByRole('button', { name: '+ condition' }))
    fireEvent.change(field('conditions.0.values'), { target: { value: 'SE, NO, DK, FI' } })
    submit()
    await screen.findByText("Created 'Nordics'.")
    expect(api.bodies('routingRules', 'create')[0]).toEqual({
      name: 'Nordics',
      kind: 'territory',
      position: 30,
      conditions: [{ op: 'in', field: 'company.country', values: ['SE', 'NO', 'DK', 'FI'] }],
      poolId: 'pool_emea',
      active: true,
    })
  })

  it('requires a pool for territory rules and maps a 422 on a condition', async () => {
    await mountConsole(api, '#routing', 'Routing rules')
    fireEvent.click(screen.getByRole('button', { name: 'New routing rule' }))
    type('name', 'No pool')
    submit()
    await waitFor(() => expect(messagesOf('poolId')).toBe('territory and default rules need a poolId'))
    expect(api.bodies('routingRules', 'create')).toHaveLength(0)
    choose('poolId', 'pool_emea')
    fireEvent.click(screen.getByRole('button', { name: '+ condition' }))
    fireEvent.change(field('conditions.0.values'), { target: { value: 'DE' } })
    failWith('routingRules', 'create', 'conditions.0.field', 'Unknown lead field')
    submit()
    await waitFor(() => expect(messagesOf('conditions.0.field')).toBe('Unknown lead field'))
  })
})

describe('console: SLA policies', () => {
  it('describes a policy and creates one with a match, warnings and an escalation chain', async () => {
    await mountConsole(api, '#sla', 'SLA policies')
    const hot = rowOf('Hot leads')
    expect(hot.getByText('5 min')).toBeTruthy()
    expect(hot.getByText("On every breach: alert the rep, the rep's manager")).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'New SLA policy' }))
    type('name', 'Enterprise')
    type('durationMinutes', '120')
    fireEvent.change(field('warnings'), { target: { value: '0.25, 0.75' } })
    choose('match.hot', 'no')
    fireEvent.click(screen.getByRole('button', { name: '+ condition' }))
    choose('match.conditions.0.op', 'range')
    type('match.conditions.0.field', 'company.employees')
    type('match.conditions.0.min', '1000')
    fireEvent.click(screen.getByRole('button', { name: '+ escalation step' }))
    fireEvent.click(screen.getByRole('button', { name: '+ escalation step' }))
    choose('escalation.1.action', 'reassign')
    choose('escalation.1.on', 'first_breach')
    type('escalation.1.afterMinutes', '30')
    submit()
    await screen.findByText("Created 'Enterprise'.")
    expect(api.bodies('slaPolicies', 'create')[0]).toEqual({
      name: 'Enterprise',
      position: 10,
      match: { hot: false, conditions: [{ op: 'range', field: 'company.employees', min: 1000 }] },
      durationMinutes: 120,
      businessHours: true,
      warnings: [0.25, 0.75],
      escalation: [
        { action: 'alert', on: 'breach', afterMinutes: 0, to: ['rep', 'manager'] },
        { action: 'reassign', on: 'first_breach', afterMinutes: 30 },
      ],
    })
  })

  it('checks warnings and recipients inline, and maps a 422 on an escalation step', async () => {
    await mountConsole(api, '#sla', 'SLA policies')
    fireEvent.click(screen.getByRole('button', { name: "Edit SLA policy 'Hot leads'" }))
    fireEvent.change(field('warnings'), { target: { value: '0.5, 1.5' } })
    expect(messagesOf('warnings')).toMatch(/1/)
    fireEvent.change(field('warnings'), { target: { value: '0.5' } })
    failWith('slaPolicies', 'update', 'escalation.0.afterMinutes', 'Too big')
    submit()
    await waitFor(() => expect(messagesOf('escalation.0.afterMinutes')).toBe('Too big'))
  })
})
