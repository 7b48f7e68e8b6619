/**
 * What makes two engagement events "the same thing done again": their type and the page, asset or form
 * they are about. The brief folds its timeline by this key, and retention folds old raw events by it
 * into one row that stands for all of them (so scoring and the brief still count them).
 * @module
 */
import { toPath } from './scoring/conditions'

type Props = Record<string, unknown>

/**
 * The property that tells two events of a type apart: the page (as a path), the asset, the form…
 * @example foldKey('page_view', { url: 'https://acme.test/pricing?x=1' }) // '/pricing'
 */
export const foldKey = (type: string, p: Props): string => {
  if (type === 'page_view') {
    const raw = p.path ?? p.url
    return typeof raw === 'string' ? (toPath(raw) ?? raw) : ''
  }
  for (const k of ['asset', 'form', 'webinar', 'title', 'name', 'subject', 'url']) {
    const v = p[k]
    if (typeof v === 'string' || typeof v === 'number') return String(v)
  }
  return ''
}
