import type { SiteId } from '../messaging'

/**
 * One site the overlay works on, as data: where the content script runs and how a record page that
 * the URL alone does not identify can still name its person (a `mailto:` link — never layout
 * selectors, which the sites change often).
 */
export type Site = {
  id: SiteId
  name: string
  /** Match patterns for the content script (https only for the real sites: all four are https-only apps). */
  matches: string[]
  /** A path whose first group is a LinkedIn slug (the local demo pages, which are not on linkedin.com). */
  slugPath?: RegExp
  /** Record pages whose URL did not identify the lead: read the single distinct email of these links. */
  fallback?: { path: RegExp; selector: string }
}
