/**
 * One resource's list for a console page: loaded once, reloaded after each change, with the failure to show.
 * @module
 */
import { useCallback, useEffect, useState } from 'preact/hooks'
import type { ConsoleClient } from '../../admin/console-client'
import type { ItemOf, ResourceName } from '../../admin/console-resources'

export type ResourceList<R extends ResourceName> = {
  items: Array<ItemOf<R>> | null
  problem: string | null
  reload: () => Promise<void>
}

/**
 * @example const reps = useResourceList(client, 'reps'); reps.items?.map(…)
 */
export const useResourceList = <R extends ResourceName>(client: ConsoleClient, resource: R): ResourceList<R> => {
  const [items, setItems] = useState<Array<ItemOf<R>> | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const reload = useCallback(async () => {
    const res = await client.list(resource)
    if (res.ok) {
      setItems(res.data)
      setProblem(null)
    } else setProblem(res.error.message)
  }, [client, resource])
  useEffect(() => void reload(), [reload])
  return { items, problem, reload }
}
