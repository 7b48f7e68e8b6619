/**
 * A desktop notification for each newly assigned lead; clicking it opens the lead's LinkedIn profile
 * (only an http(s) URL is ever opened).
 * @module
 */
import { leadName } from '../../shared/lead-name'
import type { Brief } from '../../shared/schemas/lead'
import { safeHttpUrl } from '../lib/safe-url'
import { cachedQueue, notifiedLeadIds } from '../storage'

export type NotificationsApi = {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): unknown
}

const PREFIX = 'handoff-lead:'
const KEEP = 500

/**
 * Notifies the leads not announced before. The first poll after setup only records what is already
 * there, so connecting does not fire a burst of old leads.
 */
export const announceNewLeads = async (notifications: NotificationsApi, leads: readonly Brief[]): Promise<string[]> => {
  const known = await notifiedLeadIds.getValue()
  const ids = leads.map((l) => l.id)
  if (known === null) {
    await notifiedLeadIds.setValue(ids.slice(0, KEEP))
    return []
  }
  const fresh = leads.filter((l) => !known.includes(l.id))
  if (fresh.length === 0) return []
  await notifiedLeadIds.setValue([...fresh.map((l) => l.id), ...known].slice(0, KEEP))
  for (const lead of fresh.slice(0, 5)) {
    const company = lead.company.name ? ` (${lead.company.name})` : ''
    await notifications.create(`${PREFIX}${lead.id}`, {
      type: 'basic',
      iconUrl: '/icon/128.png',
      title: `New lead: ${leadName(lead)}${company}`,
      message: lead.whyNow?.summary ?? 'Assigned to you. The first-touch clock is running.',
    })
  }
  return fresh.map((l) => l.id)
}

/** The page a clicked notification opens, or null (not ours, lead gone, or no safe URL). */
export const urlForNotification = async (notificationId: string): Promise<string | null> => {
  if (!notificationId.startsWith(PREFIX)) return null
  const id = notificationId.slice(PREFIX.length)
  const lead = (await cachedQueue.getValue())?.queue.leads.find((l) => l.id === id)
  return lead ? safeHttpUrl(lead.linkedinUrl) : null
}
