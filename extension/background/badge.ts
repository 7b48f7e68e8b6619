/**
 * The toolbar badge: overdue leads on red, else leads due soon on amber, else nothing; the tooltip
 * says what the number means.
 * @module
 */
import type { QueueCounts } from '../../shared/schemas/lead'
import type { Connection } from '../storage'

export const BADGE_RED = '#d93025'
export const BADGE_AMBER = '#e37400'

export type Badge = { text: string; color: string | null; title: string }

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * The badge for the queue's counts now (see `countsNow`), or null when there is no queue.
 * @example badgeFor({ overdue: 1, dueSoon: 2 }, 'ok') // { text: '1', color: BADGE_RED, title: 'Handoff: 1 lead overdue…' }
 */
export const badgeFor = (counts: Pick<QueueCounts, 'overdue' | 'dueSoon'> | null, connection: Connection): Badge => {
  if (connection === 'unconfigured') return { text: '', color: null, title: 'Handoff: not set up — open the options' }
  if (connection === 'signed_out')
    return { text: '', color: null, title: 'Handoff: signed out — check the token in the options' }
  const stale = connection === 'server_down' ? ' (server unreachable; last known queue)' : ''
  const { overdue, dueSoon } = counts ?? { overdue: 0, dueSoon: 0 }
  if (overdue > 0) {
    return {
      text: String(overdue),
      color: BADGE_RED,
      title: `Handoff: ${plural(overdue, 'lead', 'leads')} overdue for first touch${stale}`,
    }
  }
  if (dueSoon > 0) {
    return {
      text: String(dueSoon),
      color: BADGE_AMBER,
      title: `Handoff: ${plural(dueSoon, 'lead', 'leads')} due soon, none overdue${stale}`,
    }
  }
  return { text: '', color: null, title: `Handoff: no leads due soon or overdue${stale}` }
}

type ActionApi = {
  setBadgeText(d: { text: string }): Promise<void>
  setBadgeBackgroundColor(d: { color: string }): Promise<void>
  setTitle(d: { title: string }): Promise<void>
}

/** Writes a badge to the toolbar action. */
export const applyBadge = async (action: ActionApi, badge: Badge): Promise<void> => {
  if (badge.color) await action.setBadgeBackgroundColor({ color: badge.color })
  await action.setBadgeText({ text: badge.text })
  await action.setTitle({ title: badge.title })
}
