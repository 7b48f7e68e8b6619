/**
 * Every console list, loaded once for the whole console: a page shows its own list and names the items
 * of others (a pool's members are reps, a rule's target is a pool), so a change on one page shows on all.
 * @module
 */
import type { ConsoleClient } from '../../admin/console-client'
import type { ResourceName } from '../../admin/console-resources'
import { type ResourceList, useResourceList } from './use-resource-list'

export type ConsoleLists = { [R in ResourceName]: ResourceList<R> }

/** What a console page gets. */
export type PageProps = { client: ConsoleClient; lists: ConsoleLists }

/**
 * @example const lists = useConsoleLists(client); <RepsPage client={client} lists={lists} />
 */
export const useConsoleLists = (client: ConsoleClient): ConsoleLists => ({
  reps: useResourceList(client, 'reps'),
  calendars: useResourceList(client, 'calendars'),
  pools: useResourceList(client, 'pools'),
  routingRules: useResourceList(client, 'routingRules'),
  slaPolicies: useResourceList(client, 'slaPolicies'),
  channels: useResourceList(client, 'channels'),
  tokens: useResourceList(client, 'tokens'),
  sources: useResourceList(client, 'sources'),
})

/**
 * `[id, name]` pairs for a select, by name.
 * @example options(lists.calendars.items) // [['cal_1', 'Berlin office'], …]
 */
export const options = (items: ReadonlyArray<{ id: string; name: string }> | null) =>
  (items ?? []).map((i) => [i.id, i.name] as const).sort((a, b) => a[1].localeCompare(b[1]))

/**
 * The name of an item by id, or the id itself when the list does not know it.
 * @example nameIn(lists.reps.items, rule.poolId)
 */
export const nameIn = (items: ReadonlyArray<{ id: string; name: string }> | null, id: string | null | undefined) =>
  id == null ? '—' : (items?.find((i) => i.id === id)?.name ?? id)
