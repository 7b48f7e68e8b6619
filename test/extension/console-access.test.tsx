import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleApp } from '../../extension/components/console/console-app'
import { PopupApp } from '../../extension/entrypoints/popup/app'
import type { AdminApi } from '../../extension/messaging-admin'
import { createFakeAdminApi } from './admin-fake-api'
import { SAMPLE, SMALL } from './admin-fixtures'
import { type FakeConsole, createFakeConsole } from './console-fake-api'
import { ANA, MAX, SLACK } from './console-fixtures'
import { choose, field, messagesOf, mountConsole, rowOf, submit, tick, type } from './support/console'

let api: FakeConsole
beforeEach(() => {
  api = createFakeConsole({
    reps: [ANA, MAX],
    channels: [SLACK],
    tokens: [
      {
        id: 'tok_old',
        name: 'Old laptop',
        role: 'rep',
        repId: 'rep_ana',
        createdAt: '2026-11-01T10:00:00.000Z',
        lastUsedAt: '2026-11-20T08:30:00.000Z',
        expiresAt: null,
        revokedAt: null,
      },
    ],
    sources: [
      {
        id: 'src_hub',
        key: 'src_hub',
        kind: 'hubspot',
        name: 'HubSpot portal',
        source: 'hubspot',
        campaign: null,
        redirectUrl: null,
        active: true,
        webhookPath: '/v1/webhooks/src_hub',
        ownerPolicy: 'keep',
      },
    ],
  })
  Object.defineProperty(navigator, 'clipboard', { value: { writeText: vi.fn(async () => {}) }, configurable: true })
})
afterEach(() => cleanup())

describe('console: shell', () => {
  it("is opened from the admin popup's 'Admin console' link", async () => {
    const openConsole = vi.fn()
    render(
      <PopupApp
        adminApi={createFakeAdminApi(SMALL, SAMPLE)}
        getQueue={vi.fn(async () => null)}
        getQueueTab={vi.fn(async () => ({ kind: 'error' as const, message: 'unused' }))}
        openLead={vi.fn()}
        openEditor={vi.fn()}
        openConsole={openConsole}
        openOptions={vi.fn()}
      />,
    )
    fireEvent.click(await screen.findByRole('link', { name: 'Admin console' }))
    expect(openConsole).toHaveBeenCalled()
  })

  it('is for admins only', async () => {
    const rep = createFakeConsole()
    rep.whoAmI = vi.fn(async () => ({ ok: true as const, data: { role: 'rep' as const, name: 'Ana', rep: null } }))
    render(<ConsoleApp api={rep as unknown as AdminApi} win={window} />)
    await screen.findByText('The admin console is for admins.')
    expect(rep.adminRequest).not.toHaveBeenCalled()
  })

  it('follows the hash, counts items in the menu, and opens the first page for an unknown hash', async () => {
    await mountConsole(api, '#<img src=x>', 'Reps')
    const nav = within(screen.getByRole('navigation', { name: 'Console' }))
    await waitFor(() => expect(nav.getByRole('link', { name: /Reps/ }).textContent).toBe('Reps2'))
    expect(nav.getByRole('link', { name: /Reps/ }).getAttribute('aria-current')).toBe('page')
    window.location.hash = '#tokens'
    window.dispatchEvent(new HashChangeEvent('hashchange'))
    await screen.findByRole('heading', { level: 2, name: 'Tokens' })
  })
})

describe('console: alert channels', () => {
  it('sends a test and says whether it arrived', async () => {
    await mountConsole(api, '#channels', 'Alert channels')
    fireEvent.click(screen.getByRole('button', { name: "Send a test alert to 'Sales Slack'" }))
    await rowOf('Sales Slack').findByText('Test delivered')
    api.testOutcome = { delivered: false, error: 'HTTP 404 from slack channel chn_slack' }
    fireEvent.click(screen.getByRole('button', { name: "Send a test alert to 'Sales Slack'" }))
    await rowOf('Sales Slack').findByText('Not delivered: HTTP 404 from slack channel chn_slack')
  })

  it('needs a secret for a webhook channel, sends events, and maps a 422 on the url', async () => {
    await mountConsole(api, '#channels', 'Alert channels')
    fireEvent.click(screen.getByRole('button', { name: 'New channel' }))
    type('name', 'CRM sync')
    choose('kind', 'webhook')
    type('url', 'https://crm.example.test/hook')
    submit()
    await waitFor(() => expect(messagesOf('secret')).toBe('Webhook channels need a secret'))
    type('secret', 'whsec_c2VjcmV0')
    fireEvent.click(screen.getByLabelText('lead.assigned'))
    api.failNext('channels', 'create', {
      status: 422,
      code: 'validation_failed',
      message: 'Invalid input',
      issues: [{ path: 'url', message: 'Unreachable host' }],
    })
    submit()
    await waitFor(() => expect(messagesOf('url')).toBe('Unreachable host'))
    type('url', 'https://crm.example.test/hook2')
    submit()
    await screen.findByText("Created 'CRM sync'.")
    expect(api.bodies('channels', 'create').at(-1)).toEqual({
      name: 'CRM sync',
      kind: 'webhook',
      url: 'https://crm.example.test/hook2',
      secret: 'whsec_c2VjcmV0',
      events: ['lead.assigned'],
    })
    // The secret is write-only: the list says nothing of it.
    expect(document.body.textContent).not.toContain('whsec_c2VjcmV0')
  })
})

describe('console: tokens', () => {
  it('lists tokens with their last use, issues one shown once with a copy button, and revokes one', async () => {
    await mountConsole(api, '#tokens', 'Tokens')
    expect(rowOf('Old laptop').getByText(/Nov 20/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'New token' }))
    type('name', 'Max (extension)')
    choose('role', 'manager')
    choose('repId', 'rep_max')
    submit()
    const reveal = await screen.findByRole('region', { name: "Token 'Max (extension)' issued" })
    const value = within(reveal).getByLabelText('Token') as HTMLInputElement
    expect(value.value).toMatch(/^hk_manager_SECRET/)
    expect(value.readOnly).toBe(true)
    fireEvent.click(within(reveal).getByRole('button', { name: 'Copy Token' }))
    await within(reveal).findByText('Copied')
    expect(navigator.clipboard.writeText).toHaveBeenCalledWith(value.value)
    fireEvent.click(within(reveal).getByRole('button', { name: 'I have copied it' }))
    expect(screen.queryByText(value.value)).toBeNull()
    expect(api.bodies('tokens', 'create')[0]).toEqual({ name: 'Max (extension)', role: 'manager', repId: 'rep_max' })

    fireEvent.click(screen.getByRole('button', { name: "Revoke token 'Old laptop'" }))
    fireEvent.click(screen.getByRole('button', { name: 'Yes, revoke' }))
    await rowOf('Old laptop').findByText(/^Revoked/)
    expect(screen.queryByRole('button', { name: "Revoke token 'Old laptop'" })).toBeNull()
  })

  it('asks for the person of a rep token, drops it for an intake token, and maps a 422', async () => {
    await mountConsole(api, '#tokens', 'Tokens')
    fireEvent.click(screen.getByRole('button', { name: 'New token' }))
    type('name', 'Website')
    submit()
    await waitFor(() => expect(messagesOf('repId')).toBe('repId is required for rep and manager tokens'))
    choose('repId', 'rep_ana')
    choose('role', 'intake')
    api.failNext('tokens', 'create', {
      status: 422,
      code: 'validation_failed',
      message: 'Invalid input',
      issues: [{ path: 'expiresAt', message: 'Must be in the future' }],
    })
    submit()
    await waitFor(() => expect(messagesOf('expiresAt')).toBe('Must be in the future'))
    expect(api.bodies('tokens', 'create')[0]).toEqual({ name: 'Website', role: 'intake' })
  })
})

describe('console: intake sources', () => {
  it('creates a Typeform source and shows its generated secret and path once', async () => {
    await mountConsole(api, '#sources', 'Intake sources')
    fireEvent.click(screen.getByRole('button', { name: 'New source' }))
    choose('kind', 'typeform')
    type('name', 'Demo form')
    submit()
    const reveal = await screen.findByRole('region', { name: "Source 'Demo form' created" })
    expect((within(reveal).getByLabelText('Secret') as HTMLInputElement).value).toMatch(/^tf_generated_/)
    expect((within(reveal).getByLabelText('Webhook path') as HTMLInputElement).value).toMatch(/^\/v1\/webhooks\//)
    expect(api.bodies('sources', 'create')[0]).toMatchObject({ kind: 'typeform', name: 'Demo form' })
  })

  it('needs the pasted secret to rotate a HubSpot source, then shows the result', async () => {
    await mountConsole(api, '#sources', 'Intake sources')
    fireEvent.click(screen.getByRole('button', { name: "Rotate the secret of 'HubSpot portal'" }))
    const dialog = within(screen.getByRole('dialog'))
    fireEvent.click(dialog.getByRole('button', { name: 'Rotate now' }))
    await dialog.findByText('Paste the new secret')
    fireEvent.input(dialog.getByLabelText(/New secret from HubSpot/), { target: { value: 'new-client-secret' } })
    fireEvent.click(dialog.getByRole('button', { name: 'Rotate now' }))
    await dialog.findByRole('region', { name: "New secret for 'HubSpot portal'" })
    expect(api.bodies('sources', 'rotate')).toEqual([{}, { secret: 'new-client-secret' }])
  })

  it('maps a 422 on a form source field', async () => {
    await mountConsole(api, '#sources', 'Intake sources')
    fireEvent.click(screen.getByRole('button', { name: 'New source' }))
    type('name', 'Site')
    tick('active', false)
    api.failNext('sources', 'create', {
      status: 422,
      code: 'validation_failed',
      message: 'Invalid input',
      issues: [{ path: 'source', message: 'Reserved name' }],
    })
    submit()
    await waitFor(() => expect(messagesOf('source')).toBe('Reserved name'))
    expect(field('name').value).toBe('Site')
  })
})
