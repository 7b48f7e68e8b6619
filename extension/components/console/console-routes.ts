/**
 * The console's pages and their hash routes (`console.html#pools`). Only these names are routes: anything
 * else in the hash opens the first page, so nothing from the URL is ever rendered or looked up.
 * @module
 */

export const ROUTES = [
  { hash: 'reps', title: 'Reps' },
  { hash: 'calendars', title: 'Calendars' },
  { hash: 'pools', title: 'Pools' },
  { hash: 'routing', title: 'Routing rules' },
  { hash: 'sla', title: 'SLA policies' },
  { hash: 'channels', title: 'Alert channels' },
  { hash: 'tokens', title: 'Tokens' },
  { hash: 'sources', title: 'Intake sources' },
] as const

export type RouteHash = (typeof ROUTES)[number]['hash']

/**
 * @example routeOf('#pools') // 'pools'; routeOf('#<img>') // 'reps'
 */
export const routeOf = (hash: string): RouteHash => ROUTES.find((r) => `#${r.hash}` === hash)?.hash ?? ROUTES[0].hash
