/**
 * An admin's retry of one alert: back in the queue with a fresh attempt budget, tried at once.
 * @module
 */
import { type AlertRow, getAlert, requeueAlert } from '../../db/queries/alerts'
import type { DomainCtx } from '../context'
import { conflict, notFound } from '../errors'
import { deliverSoon } from './deliver'

/**
 * Requeues a pending or failed alert and attempts it now (awaited when `ctx.waitUntil` is absent, so the
 * caller sees the outcome). Throws `not_found` for an unknown id and `conflict` for an alert sent or being sent.
 * @returns the alert after the attempt.
 * @example const alert = await retryAlert({ db, env, now: Date.now(), actor: 'admin' }, 'alr_1')
 */
export const retryAlert = async (ctx: DomainCtx, id: string): Promise<AlertRow> => {
  const row = await getAlert(ctx.db, id)
  if (!row) throw notFound('alert')
  if (row.state === 'sent') throw conflict('This alert was already sent')
  if (row.state === 'sending') throw conflict('This alert is being sent')
  await requeueAlert(ctx.db, id, ctx.now)
  await deliverSoon(ctx, [id])
  return (await getAlert(ctx.db, id))!
}
