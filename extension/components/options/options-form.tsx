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

  useEffect(() => {
    void settings.getValue().then((s) => (setServerUrl(s.serverUrl), setToken(s.token)))
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
      <label for="server">Server URL</label>
      <input
        id="server"
        type="url"
        required
        placeholder="https://handoff.example.com"
        value={serverUrl}
        onInput={(e) => setServerUrl(e.currentTarget.value)}
      />
      <label for="token">Token</label>
      <input
        id="token"
        type="password"
        required
        autocomplete="off"
        value={token}
        onInput={(e) => setToken(e.currentTarget.value)}
      />
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
