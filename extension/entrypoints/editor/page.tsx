/**
 * The criteria editor full size in a tab ("Open in tab" from the popup): the same components.
 * @module
 */
import { useEffect, useState } from 'preact/hooks'
import { CriteriaEditor } from '../../components/admin/criteria-editor'
import type { AdminApi } from '../../messaging-admin'

/**
 * @example render(<EditorPage api={messagingAdminApi} />, root)
 */
export const EditorPage = ({ api }: { api: AdminApi }) => {
  const [role, setRole] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    void api.whoAmI().then((res) => (res.ok ? setRole(res.data.role) : setProblem(res.error.message)))
  }, [api])
  if (problem)
    return (
      <p role="alert" class="pad">
        {problem}
      </p>
    )
  if (role === null) return <p class="muted pad">Connecting…</p>
  if (role !== 'admin')
    return (
      <p role="alert" class="pad">
        The criteria editor is for admins.
      </p>
    )
  return <CriteriaEditor api={api} layout="tab" />
}
