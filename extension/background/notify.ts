/**
 * A desktop notification for each newly assigned lead; clicking it opens the lead's page in the extension.
 * @module
 */
import { leadName } from '../../shared/lead-name'
import type { Brief } from '../../shared/schemas/lead'
import { notifiedLeadIds } from '../storage'

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

/**
 * The extension page a clicked notification opens: the lead's own page (`lead.html?id=…`), which works for
 * leads with no LinkedIn or CRM page too; null when the notification is not ours.
 * @example pageForNotification('handoff-lead:lead_1', (p) => chrome.runtime.getURL(p)) // 'chrome-extension://…/lead.html?id=lead_1'
 */
export const pageForNotification = (notificationId: string, getURL: (path: string) => string): string | null => {
  if (!notificationId.startsWith(PREFIX)) return null
  return getURL(leadPagePath(notificationId.slice(PREFIX.length)))
}

/** The path of a lead's page in the extension, its id encoded. */
export const leadPagePath = (leadId: string) => `/lead.html?id=${encodeURIComponent(leadId)}`
