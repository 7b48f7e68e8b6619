import type { Failure } from '../messaging'
import type { Connection } from '../storage'
import { ApiFailure } from './api-client'

/** What a rep reads when the server does not answer: what happens now, and what to do if it lasts. */
export const SERVER_DOWN_MESSAGE =
  'Handoff server unreachable; retrying on its own. If it lasts, check the server URL in the options or ask your admin.'

/**
 * A thrown error as the one-line state the UI shows (never the token or request details).
 * @example toFailure(new ApiFailure(401, 'unauthorized', 'Bad token')) // { kind: 'signed_out', message: 'Bad token' }
 */
export const toFailure = (err: unknown): Failure => {
  if (!(err instanceof ApiFailure)) return { kind: 'error', message: 'Something went wrong in the extension.' }
  if (err.code === 'unconfigured') return { kind: 'unconfigured', message: err.message }
  if (err.status === 401)
    return { kind: 'signed_out', message: 'Signed out: the token was refused. Check it in the options.' }
  if (err.status === 403)
    return err.owner
      ? { kind: 'forbidden', message: `Assigned to ${err.owner.name}`, owner: err.owner }
      : { kind: 'forbidden', message: 'This lead is not assigned to you.' }
  if (err.status === 0 || err.status >= 500) return { kind: 'server_down', message: SERVER_DOWN_MESSAGE }
  return { kind: 'error', message: err.message }
}

/** The connection state a failure leaves behind. */
export const connectionAfter = (failure: Failure): Connection =>
  failure.kind === 'unconfigured' || failure.kind === 'signed_out' || failure.kind === 'server_down'
    ? failure.kind
    : 'ok'
