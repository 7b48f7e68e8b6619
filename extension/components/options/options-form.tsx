import { useEffect, useState } from 'preact/hooks'
import type { WxtStorageItem } from 'wxt/utils/storage'
import { serverOrigin } from '../../background/api-client'
import type { ConnectionResult } from '../../messaging'
import type { Settings } from '../../storage'

export type OptionsFormProps = {
  settings: WxtStorageItem<Settings, Record<string, unknown>>
  showNotALeadPill: WxtStorageItem<boolean, Record<string, unknown>>
  /** Asks the user for host access to the server (must run inside the click). */
  requestOrigin(origin: string): Promise<boolean>
  testConnection(): Promise<ConnectionResult>
}

type Status = { tone: 'ok' | 'problem'; text: string } | null

/**
 * Server URL and token, saved to extension storage; "Save and test" asks for access to the server's
 * origin, saves, then calls `GET /v1/me` through the background and shows who the token belongs to.
 */
export const OptionsForm = ({ settings, showNotALeadPill, requestOrigin, testConnection }: OptionsFormProps) => {
  const [serverUrl, setServerUrl] = useState('')
  const [token, setToken] = useState('')
  const [quietPill, setQuietPill] = useState(false)
  const [status, setStatus] = useState<Status>(null)
  const [busy, setBusy] = useState(false)
  const [setUp, setSetUp] = useState(true)

  useEffect(() => {
    void settings
      .getValue()
      .then((s) => (setServerUrl(s.serverUrl), setToken(s.token), setSetUp(!!s.serverUrl && !!s.token)))
    void showNotALeadPill.getValue().then(setQuietPill)
  }, [settings, showNotALeadPill])

  const save = async (e: Event) => {
    e.preventDefault()
    const origin = serverOrigin(serverUrl)
    if (!origin) return setStatus({ tone: 'problem', text: 'Enter the server URL, e.g. https://handoff.example.com' })
    if (!token.trim()) return setStatus({ tone: 'problem', text: 'Enter your token.' })
    setBusy(true)
    try {
      // The permission prompt needs the click's user gesture: ask before any other await.
      // A refusal by the browser (not the user) is a message worth showing, not a silent "not granted".
      const granted = await requestOrigin(origin).catch((err: unknown) =>
        err instanceof Error ? err.message : String(err),
      )
      await settings.setValue({ serverUrl: serverUrl.trim(), token: token.trim() })
      if (typeof granted === 'string')
        return setStatus({ tone: 'problem', text: `Saved, but the browser refused access to ${origin}: ${granted}` })
      if (!granted) return setStatus({ tone: 'problem', text: `Saved, but access to ${origin} was not granted.` })
      const result = await testConnection()
      setStatus(
        result.kind === 'ok'
          ? { tone: 'ok', text: `Connected as ${result.me.name} (${result.me.role}).` }
          : { tone: 'problem', text: result.message },
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={save}>
      <h1>Handoff</h1>
      {setUp ? null : (
        <p class="intro" data-testid="not-set-up">
          Not set up yet. Enter your team's Handoff server and your own token, then save: your leads appear in the
          toolbar badge and beside LinkedIn and your CRM.
        </p>
      )}
      <label for="server">Server URL</label>
      <input
        id="server"
        type="url"
        required
        placeholder="https://handoff.example.com"
        value={serverUrl}
        aria-describedby="server-help"
        onInput={(e) => setServerUrl(e.currentTarget.value)}
      />
      <p id="server-help" class="help">
        The address of your team's Handoff server. Your admin can tell you.
      </p>
      <label for="token">Token</label>
      <input
        id="token"
        type="password"
        required
        autocomplete="off"
        value={token}
        aria-describedby="token-help"
        onInput={(e) => setToken(e.currentTarget.value)}
      />
      <p id="token-help" class="help" data-testid="token-help">
        Your own rep token: your admin issues it in the Handoff console, under Tokens, and gives it to you once. It is
        kept in this browser only. Lost it? Ask for a new one (the old one is revoked).
      </p>
      <label class="check">
        <input
          type="checkbox"
          checked={quietPill}
          onChange={(e) => {
            setQuietPill(e.currentTarget.checked)
            void showNotALeadPill.setValue(e.currentTarget.checked)
          }}
        />
        Show a quiet “not a lead” pill on pages without a lead
      </label>
      <div class="row">
        <button type="submit" disabled={busy}>
          Save and test connection
        </button>
        {status ? (
          <span class={status.tone} role="status" data-testid="connection-status">
            {status.text}
          </span>
        ) : null}
      </div>
    </form>
  )
}
