import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type FakeConsole, createFakeConsole } from './console-fake-api'
import { ANA, BERLIN, MAX } from './console-fixtures'
import { choose, field, messagesOf, mountConsole, rowOf, submit, type } from './support/console'

let api: FakeConsole
beforeEach(() => {
  api = createFakeConsole({ reps: [ANA, MAX], calendars: [BERLIN] })
})
afterEach(() => cleanup())

describe('console: reps', () => {
  it('lists reps with their state, capacity, weight, hours and CRM owner ids', async () => {
    await mountConsole(api, '#reps', 'Reps')
    const ana = rowOf('Ana Ruiz')
    expect(ana.getByText(/Out of office until/)).toBeTruthy()
    expect(ana.getByText('10')).toBeTruthy()
    expect(ana.getByText('2')).toBeTruthy()
    expect(ana.getByText('Berlin office')).toBeTruthy()
    expect(ana.getByText('hubspot:314')).toBeTruthy()
    expect(rowOf('Max Manager').getByText('No limit')).toBeTruthy()
  })

  it('creates a rep with capacity, weight, a calendar and CRM owner ids', async () => {
    await mountConsole(api, '#reps', 'Reps')
    fireEvent.click(screen.getByRole('button', { name: 'New rep' }))
    type('name', 'Sam Seller')
    type('email', 'sam@acme.test')
    type('timeZone', 'America/New_York')
    choose('calendarId', 'cal_ber')
    choose('managerId', 'rep_max')
    type('capacity', '5')
    type('weight', '3')
    fireEvent.change(field('crmOwnerIds'), { target: { value: 'hubspot:42, pipedrive:7' } })
    submit()
    await screen.findByText("Created 'Sam Seller'.")
    expect(api.bodies('reps', 'create')[0]).toMatchObject({
      name: 'Sam Seller',
      email: 'sam@acme.test',
      calendarId: 'cal_ber',
      managerId: 'rep_max',
      capacity: 5,
      weight: 3,
      crmOwnerIds: ['hubspot:42', 'pipedrive:7'],
    })
    expect(rowOf('Sam Seller').getByText('Berlin office')).toBeTruthy()
  })

  it('checks fields with the shared schema as they are edited, and everything on save', async () => {
    await mountConsole(api, '#reps', 'Reps')
    fireEvent.click(screen.getByRole('button', { name: 'New rep' }))
    // A blank form shows no wall of errors.
    expect(messagesOf('name')).toBe('')
    type('email', 'not-an-email')
    expect(messagesOf('email')).toMatch(/email/i)
    fireEvent.change(field('crmOwnerIds'), { target: { value: 'zoho:1' } })
    expect(messagesOf('crmOwnerIds')).toContain('Use system:id')
    submit()
    await waitFor(() => expect(messagesOf('name')).toBe('Required'))
    expect(document.querySelector('.error-summary')?.textContent).toMatch(/^3 problems:/)
    expect(api.bodies('reps', 'create')).toHaveLength(0)
  })

  it("puts the worker's 422 issues on their fields and clears one when its field changes", async () => {
    await mountConsole(api, '#reps', 'Reps')
    fireEvent.click(screen.getByRole('button', { name: "Edit rep 'Ana Ruiz'" }))
    expect(field('name').value).toBe('Ana Ruiz')
    api.failNext('reps', 'update', {
      status: 422,
      code: 'validation_failed',
      message: 'Invalid input',
      issues: [
        { path: 'calendarId', message: 'No calendar with this id' },
        { path: 'outOfOffice.0.end', message: 'start must be before end' },
      ],
    })
    submit()
    await waitFor(() => expect(messagesOf('calendarId')).toBe('No calendar with this id'))
    expect(messagesOf('outOfOffice.0.end')).toBe('start must be before end')
    // The summary names each field by its label.
    const summary = document.querySelector('.error-summary')?.textContent ?? ''
    expect(summary).toContain('Working hours: No calendar with this id')
    expect(summary).toContain('Until: start must be before end')
    choose('calendarId', '')
    expect(messagesOf('calendarId')).toBe('')
    expect(messagesOf('outOfOffice.0.end')).toBe('start must be before end')
  })

  it('shows a conflict (409) as a message and keeps the form', async () => {
    await mountConsole(api, '#reps', 'Reps')
    fireEvent.click(screen.getByRole('button', { name: 'New rep' }))
    type('name', 'Ana Again')
    type('email', 'ana@acme.test')
    api.failNext('reps', 'create', {
      status: 409,
      code: 'conflict',
      message: 'A rep with this email exists',
      issues: [],
    })
    submit()
    await screen.findByText('A rep with this email exists (409)')
    expect(field('name').value).toBe('Ana Again')
  })

  it('adds time away and deactivates a rep after asking', async () => {
    await mountConsole(api, '#reps', 'Reps')
    fireEvent.click(screen.getByRole('button', { name: "Edit rep 'Max Manager'" }))
    fireEvent.click(screen.getByRole('button', { name: '+ time away' }))
    fireEvent.input(field('outOfOffice.0.start'), { target: { value: '2026-12-24T09:00' } })
    fireEvent.input(field('outOfOffice.0.end'), { target: { value: '2026-12-28T09:00' } })
    submit()
    await screen.findByText("Saved 'Max Manager'.")
    const [body] = api.bodies('reps', 'update')
    expect(body.outOfOffice).toEqual([
      { start: new Date('2026-12-24T09:00').toISOString(), end: new Date('2026-12-28T09:00').toISOString() },
    ])

    fireEvent.click(screen.getByRole('button', { name: "Deactivate rep 'Max Manager'" }))
    fireEvent.click(screen.getByRole('button', { name: 'Yes, deactivate' }))
    await screen.findByText("Deactivated 'Max Manager'.")
    expect(rowOf('Max Manager').getByText('Inactive')).toBeTruthy()
  })

  it('renders hostile names as text', async () => {
    api = createFakeConsole({ reps: [{ ...ANA, name: '<img src=x onerror=alert(1)>' }] })
    await mountConsole(api, '#reps', 'Reps')
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy()
    expect(document.querySelector('img')).toBeNull()
  })
})
