/**
 * Token hashing and comparison with WebCrypto (workerd and Node alike).
 * @module
 */
import { uuidv7 } from 'uuidv7'

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('')

/**
 * SHA-256 of a string as lower-case hex.
 * @example await sha256Hex('abc') // 'ba7816bf…'
 */
export const sha256Hex = async (value: string) =>
  hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)))

/** Constant-time equality of two hex digests of the same length. */
export const digestsEqual = (a: string, b: string) => {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/**
 * A new high-entropy token (256 bits), prefixed by its role for recognisability.
 * @example randomToken('rep') // 'hk_rep_3f9a…'
 */
export const randomToken = (role: string) => {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return `hk_${role}_${hex(bytes.buffer)}`
}

/**
 * A new id with a readable prefix: a UUIDv7 (RFC 9562) in hex, so ids sort by creation time (48-bit
 * millisecond timestamp first, monotonic within a millisecond) and index inserts stay append-mostly.
 * @example newId('lead') // 'lead_019ade3c4f2a7b1e8c…' (32 hex digits)
 */
export const newId = (prefix: string) => `${prefix}_${uuidv7().replaceAll('-', '')}`
