import { useState } from 'preact/hooks'
import type { LeadSearchPage } from '../../../shared/schemas/manager'
import { leadPagePath } from '../../background/notify'
import type { AdminApi, AdminFailure } from '../../messaging-admin'

/** Search leads by name, email or company, and status; each result links to the extension's lead page. */
export const LeadSearch = ({ api }: { api: Pick<AdminApi, 'managerRequest'> }) => {
  const [q, setQ] = useState('')
  const [status, setStatus] = useState('')
  const [page, setPage] = useState<LeadSearchPage | null>(null)
  const [error, setError] = useState<AdminFailure | null>(null)
  const search = async (e: Event) => {
    e.preventDefault()
    const query = { ...(q.trim() ? { q: q.trim() } : {}), ...(status ? { status } : {}) }
    const res = await api.managerRequest({ kind: 'get', name: 'leads', query })
    if (res.ok) {
      setPage(res.data as LeadSearchPage)
      setError(null)
    } else setError(res.error)
  }
  return (
    <section aria-label="Search">
      <form role="search" onSubmit={(e) => void search(e)}>
        <label>
          Name, email or company
          <input value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <label>
          Status
          <input
            value={status}
            placeholder="e.g. assigned,contacted"
            onInput={(e) => setStatus(e.currentTarget.value)}
          />
        </label>
        <button type="submit">Search</button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error.issues[0]?.message ?? error.message}
        </p>
      )}
      {page && page.leads.length === 0 && <p>No leads match.</p>}
      {page && (
        <ul>
          {page.leads.map((l) => (
            <li key={l.id}>
              <a href={leadPagePath(l.id).slice(1)} target="_blank" rel="noopener noreferrer">
                {l.name ?? l.email}
              </a>{' '}
              {l.company && `· ${l.company} `}· {l.status}
              {l.assignee && ` · ${l.assignee.name}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
