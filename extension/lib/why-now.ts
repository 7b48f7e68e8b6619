/**
 * "Why now", in words a rep reads at a glance: the hand-off signal and the freshest activity, each with how
 * long ago ("Requested a demo 4 min ago · Visited /pricing 3 times 2 h ago").
 * @module
 */
import type { Brief } from '../../shared/schemas/lead'

const MIN = 60_000

/**
 * @example ago(Date.now() - 4 * 60_000, Date.now()) // '4 min ago'
 */
export const ago = (at: number, now: number): string => {
  const d = Math.max(0, now - at)
  if (d < MIN) return 'just now'
  if (d < 60 * MIN) return `${Math.floor(d / MIN)} min ago`
  if (d < 24 * 60 * MIN) return `${Math.floor(d / (60 * MIN))} h ago`
  const days = Math.floor(d / (24 * 60 * MIN))
  return days === 1 ? 'yesterday' : `${days} days ago`
}

/**
 * Up to `max` parts, most telling first: the why-now signal, then the latest timeline entries.
 * @example whyNowParts(lead, Date.now()) // ['Requested a demo 4 min ago', 'Visited /pricing 3 times 2 h ago']
 */
export const whyNowParts = (lead: Pick<Brief, 'whyNow' | 'timeline'>, now: number, max = 3): string[] => {
  const parts: string[] = []
  const seen = new Set<string>()
  const add = (summary: string, iso: string) => {
    const t = Date.parse(iso)
    const key = summary.trim().toLowerCase()
    if (!key || seen.has(key) || parts.length >= max) return
    seen.add(key)
    parts.push(Number.isNaN(t) ? summary : `${summary} ${ago(t, now)}`)
  }
  if (lead.whyNow) add(lead.whyNow.summary, lead.whyNow.at)
  // The event that made "why now" is in the timeline too, in other words: say it once.
  const signalAt = lead.whyNow ? Date.parse(lead.whyNow.at) : Number.NaN
  const recent = [...lead.timeline]
    .filter((t) => Date.parse(t.lastAt) !== signalAt)
    .sort((a, b) => Date.parse(b.lastAt) - Date.parse(a.lastAt))
  for (const t of recent) add(t.summary, t.lastAt)
  return parts
}
