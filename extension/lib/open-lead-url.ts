/**
 * Alert buttons in Slack, Teams and email link to the server's public `/open/leads/<id>` page (a browser
 * without the extension sees instructions there, never lead data). With the extension, the background
 * recognises that address and shows the lead's page in the extension instead.
 * @module
 */

const OPEN_PATH = /^\/open\/leads\/([A-Za-z0-9_-]{1,100})\/?$/

/**
 * The lead id of a `/open/leads/<id>` address on the configured server, else null (other servers, other
 * paths, malformed ids).
 * @example leadIdFromOpenUrl('https://handoff.acme.io/open/leads/lead_1', 'https://handoff.acme.io') // 'lead_1'
 */
export const leadIdFromOpenUrl = (url: string, serverUrl: string): string | null => {
  if (!serverUrl) return null
  let page: URL
  let server: URL
  try {
    page = new URL(url)
    server = new URL(serverUrl)
  } catch {
    return null
  }
  if (page.origin !== server.origin) return null
  // A server mounted under a path prefix keeps it in front of /open/leads.
  const prefix = server.pathname.replace(/\/+$/, '')
  if (prefix && !page.pathname.startsWith(`${prefix}/`)) return null
  return OPEN_PATH.exec(page.pathname.slice(prefix.length))?.[1] ?? null
}
