/**
 * `Idempotency-Key` for `POST /v1/leads`: the first response (status and body) is stored under the key,
 * scoped to the caller (token id, or `bootstrap` for the `ADMIN_TOKEN`), so two sources using the same key
 * never see each other's answers. A repeat returns the stored response whatever its body.
 * @module
 */
import type { Principal } from '../../app-env'
import { invalidInput } from '../errors'

const KEY = /^[\x21-\x7e]{1,255}$/

/**
 * The storage key for a header value, or null without a header; 422 for a key that is not 1–255 visible ASCII characters.
 * @example scopedKey(principal, 'abc-123') // 'tok_…:abc-123'
 */
export const scopedKey = (principal: Principal, header: string | undefined): string | null => {
  if (header === undefined) return null
  const key = header.trim()
  if (!KEY.test(key)) {
    throw invalidInput(
      [{ path: 'Idempotency-Key', message: 'Use 1 to 255 visible ASCII characters' }],
      'Invalid Idempotency-Key',
    )
  }
  return `${principal.tokenId ?? 'bootstrap'}:${key}`
}
