/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com/) with WebCrypto.
 * @module
 */

const b64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)))

/** The HMAC key of a `whsec_<base64>` secret (the bytes after the prefix, base64-decoded). */
const importKey = (secret: string) => {
  const raw = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (ch) => ch.charCodeAt(0))
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
}

/**
 * The three headers of a signed delivery: `webhook-id`, `webhook-timestamp` (seconds), and
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`.
 * @example const headers = await signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'alr_1', 1700000000, body)
 */
export const signWebhook = async (secret: string, id: string, timestampSeconds: number, body: string) => {
  const key = await importKey(secret)
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestampSeconds}.${body}`))
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': `v1,${b64(mac)}` }
}
