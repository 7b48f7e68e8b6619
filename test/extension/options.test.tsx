import { cleanup, fireEvent, render, screen } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeBrowser } from 'wxt/testing/fake-browser'
import { OptionsForm } from '../../extension/components/options/options-form'
import type { ConnectionResult } from '../../extension/messaging'
import { settings, showNotALeadPill } from '../../extension/storage'

beforeEach(() => fakeBrowser.reset())
afterEach(cleanup)

const fill = (url: string, token: string) => {
  fireEvent.input(screen.getByLabelText('Server URL'), { target: { value: url } })
  fireEvent.input(screen.getByLabelText('Token'), { target: { value: token } })
  fireEvent.click(screen.getByRole('button', { name: 'Save and test connection' }))
}

describe('options page', () => {
  it('asks for the server origin, saves, and shows who the token belongs to', async () => {
    const requestOrigin = vi.fn(async () => true)
    const testConnection = vi.fn(async (): Promise<ConnectionResult> => ({
      kind: 'ok',
      me: { role: 'rep', name: 'Sam Rep', rep: null },
    }))
    render(
      <OptionsForm
        settings={settings}
        showNotALeadPill={showNotALeadPill}
        requestOrigin={requestOrigin}
        testConnection={testConnection}
      />,
    )
    fill('https://handoff.example.com/api', ' tok_123 ')
    expect((await screen.findByTestId('connection-status')).textContent).toBe('Connected as Sam Rep (rep).')
    expect(requestOrigin).toHaveBeenCalledWith('https://handoff.example.com')
    expect(await settings.getValue()).toEqual({ serverUrl: 'https://handoff.example.com/api', token: 'tok_123' })
  })

  it('does not test without host access, and shows a refused token as one line', async () => {
    const testConnection = vi.fn(async (): Promise<ConnectionResult> => ({
      kind: 'signed_out',
      message: 'Signed out: the token was refused.',
    }))
    const { unmount } = render(
      <OptionsForm
        settings={settings}
        showNotALeadPill={showNotALeadPill}
        requestOrigin={async () => false}
        testConnection={testConnection}
      />,
    )
    fill('http://127.0.0.1:8787', 'tok')
    expect((await screen.findByTestId('connection-status')).textContent).toMatch(/not granted/)
    expect(testConnection).not.toHaveBeenCalled()
    unmount()
    render(
      <OptionsForm
        settings={settings}
        showNotALeadPill={showNotALeadPill}
        requestOrigin={async () => true}
        testConnection={testConnection}
      />,
    )
    fill('http://127.0.0.1:8787', 'tok')
    expect((await screen.findByTestId('connection-status')).textContent).toBe('Signed out: the token was refused.')
  })

  it('refuses a non-http server URL', async () => {
    const requestOrigin = vi.fn(async () => true)
    render(
      <OptionsForm
        settings={settings}
        showNotALeadPill={showNotALeadPill}
        requestOrigin={requestOrigin}
        testConnection={vi.fn()}
      />,
    )
    fireEvent.input(screen.getByLabelText('Server URL'), { target: { value: 'javascript:alert(1)' } })
    fireEvent.input(screen.getByLabelText('Token'), { target: { value: 'tok' } })
    fireEvent.submit(screen.getByRole('button', { name: 'Save and test connection' }).closest('form')!)
    expect((await screen.findByTestId('connection-status')).textContent).toMatch(/Enter the server URL/)
    expect(requestOrigin).not.toHaveBeenCalled()
  })
})

describe('a new rep', () => {
  const show = () =>
    render(
      <OptionsForm
        settings={settings}
        showNotALeadPill={showNotALeadPill}
        requestOrigin={vi.fn(async () => true)}
        testConnection={vi.fn(async (): Promise<ConnectionResult> => ({ kind: 'error', message: 'unused' }))}
      />,
    )

  it('is told the extension is not set up yet, and where the token comes from', async () => {
    show()
    expect((await screen.findByTestId('not-set-up')).textContent).toMatch(/^Not set up yet/)
    const token = screen.getByLabelText('Token')
    const help = document.getElementById(token.getAttribute('aria-describedby')!)!
    expect(help.textContent).toMatch(/your admin issues it in the Handoff console, under Tokens/)
    const url = screen.getByLabelText('Server URL')
    expect(document.getElementById(url.getAttribute('aria-describedby')!)!.textContent).toMatch(/Your admin/)
  })

  it('sees no "not set up" once a server and token are saved', async () => {
    await settings.setValue({ serverUrl: 'https://handoff.example.com', token: 'tok' })
    show()
    await screen.findByDisplayValue('https://handoff.example.com')
    expect(screen.queryByTestId('not-set-up')).toBeNull()
  })
})
