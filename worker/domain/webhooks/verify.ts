/**
 * Signature checks of the systems that post to Handoff, each as its own documentation describes it. They
 * run on the raw body before anything is parsed, and answer only true or false: the route refuses with 401.
 * WebCrypto only, so they run the same in workerd and Node.
 * @module
 */

const enc = new TextEncoder()

const hmac = async (secret: string, message: string) => {
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ])
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(message)))
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const toHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')

/** Constant-time string equality (lengths are not secret). */
export const safeEqual = (a: string, b: string) => {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/** HubSpot's and Calendly's replay window. */
export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000

/**
 * HubSpot's URI rule for v3: the URL as received, with these percent-encodings decoded
 * (developers.hubspot.com/docs/api/webhooks/validating-requests).
 */
const HUBSPOT_DECODE: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
}
const hubspotUri = (uri: string) =>
  uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => HUBSPOT_DECODE[m.toUpperCase()]!)

/**
 * HubSpot signature v3: base64 HMAC-SHA256 of method + URI + body + timestamp (ms), within 5 minutes.
 * @example await hubspotV3({ secret, method: 'POST', uri: 'https://h.example/v1/webhooks/src_1', body, timestamp: '1700000000000', signature, now })
 */
export const hubspotV3 = async (p: {
  secret: string
  method: string
  uri: string
  body: string
  timestamp: string | undefined
  signature: string | undefined
  now: number
}) => {
  if (!p.signature || !p.timestamp || !/^\d{1,16}$/.test(p.timestamp)) return false
  if (Math.abs(p.now - Number(p.timestamp)) > SIGNATURE_WINDOW_MS) return false
  const expected = toBase64(
    await hmac(p.secret, `${p.method.toUpperCase()}${hubspotUri(p.uri)}${p.body}${p.timestamp}`),
  )
  return safeEqual(expected, p.signature.trim())
}

/**
 * Calendly: `Calendly-Webhook-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of "t.body">`, within 5 minutes.
 * @example await calendly({ secret, header: 't=1700000000,v1=ab12…', body, now })
 */
export const calendly = async (p: { secret: string; header: string | undefined; body: string; now: number }) => {
  if (!p.header) return false
  const parts = new Map(
    p.header.split(',').map((kv) => {
      const i = kv.indexOf('=')
      return [kv.slice(0, i).trim(), kv.slice(i + 1).trim()] as const
    }),
  )
  const t = parts.get('t')
  const v1 = parts.get('v1')
  if (!t || !v1 || !/^\d{1,12}$/.test(t)) return false
  if (Math.abs(p.now - Number(t) * 1000) > SIGNATURE_WINDOW_MS) return false
  return safeEqual(toHex(await hmac(p.secret, `${t}.${p.body}`)), v1.toLowerCase())
}

/**
 * Typeform: `Typeform-Signature: sha256=<base64 HMAC-SHA256 of the raw body>`.
 * @example await typeform({ secret, header: 'sha256=…', body })
 */
export const typeform = async (p: { secret: string; header: string | undefined; body: string }) => {
  if (!p.header?.startsWith('sha256=')) return false
  return safeEqual(`sha256=${toBase64(await hmac(p.secret, p.body))}`, p.header.trim())
}

/**
 * HTTP Basic credentials (Pipedrive's webhook `http_auth_user`/`http_auth_password`), or null.
 * @example basicCredentials('Basic dTpw') // { username: 'u', password: 'p' }
 */
export const basicCredentials = (header: string | undefined) => {
  const m = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')
  if (!m) return null
  let decoded: string
  try {
    decoded = new TextDecoder().decode(Uint8Array.from(atob(m[1]!), (ch) => ch.charCodeAt(0)))
  } catch {
    return null
  }
  const i = decoded.indexOf(':')
  return i < 0 ? null : { username: decoded.slice(0, i), password: decoded.slice(i + 1) }
}
