import type { ComponentChildren } from 'preact'
import { safeHttpUrl } from '../../lib/safe-url'

/**
 * A link to attacker-controllable URL: only http(s), opened in a new tab without opener or referrer;
 * anything else renders as plain text.
 */
export const SafeLink = ({ href, children }: { href: string | null | undefined; children: ComponentChildren }) => {
  const url = safeHttpUrl(href)
  if (!url) return <span>{children}</span>
  return (
    <a href={url} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  )
}
