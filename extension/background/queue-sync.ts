/**
 * Polls `GET /v1/me/queue` on an alarm (about once a minute; backing off on errors and while signed
 * out), keeps the queue in storage, keeps the badge right between polls (a recount alarm at the next
 * amber/red crossing) and announces newly assigned leads.
 * @module
 */
import { Queue } from '../../shared/schemas/lead'
import { countsNow, nextCrossing } from '../lib/sla'
import { cachedQueue, connection, pollFailures } from '../storage'
import type { Connection } from '../storage'
import type { ApiClient } from './api-client'
import { applyBadge, badgeFor } from './badge'
import { connectionAfter, toFailure } from './failure'
import { announceNewLeads, type NotificationsApi } from './notify'

export const POLL_ALARM = 'handoff:poll'
export const RECOUNT_ALARM = 'handoff:recount'

type AlarmsApi = { create(name: string, info: { when: number }): unknown; clear(name: string): unknown }
type ActionApi = Parameters<typeof applyBadge>[0]

export type QueueSyncDeps = {
  api: ApiClient
  alarms: AlarmsApi
  action: ActionApi
  notifications: NotificationsApi
  now: () => number
}

/**
 * Minutes until the next poll: 1 when healthy; 1, 2, 4 … up to 30 after consecutive errors; 15
 * while not set up or signed out (settings changes trigger a poll at once anyway).
 * @example nextPollMinutes('server_down', 3) // 4
 */
export const nextPollMinutes = (state: Connection, failures: number): number => {
  if (state === 'ok') return 1
  if (state === 'unconfigured' || state === 'signed_out') return 15
  return Math.min(30, 2 ** Math.max(0, failures - 1))
}

/**
 * @example
 * const sync = createQueueSync({ api, alarms: browser.alarms, action: browser.action, notifications: browser.notifications, now: Date.now })
 * browser.alarms.onAlarm.addListener((a) => a.name === POLL_ALARM && sync.refresh())
 */
export const createQueueSync = (deps: QueueSyncDeps) => {
  const recount = async (): Promise<void> => {
    const now = deps.now()
    const [stored, state] = await Promise.all([cachedQueue.getValue(), connection.getValue()])
    const leads = stored?.queue.leads ?? []
    await applyBadge(deps.action, badgeFor(stored ? countsNow(stored.queue, now) : null, state))
    const next = nextCrossing(leads, now)
    await deps.alarms.clear(RECOUNT_ALARM)
    // Half a second late so the crossing has surely happened when the alarm fires.
    if (next !== null) await deps.alarms.create(RECOUNT_ALARM, { when: next + 500 })
  }

  let running: Promise<Connection> | null = null
  let queued: Promise<Connection> | null = null

  const poll = async (): Promise<Connection> => {
    let state: Connection
    let failures = 0
    try {
      const queue = await deps.api.request('/v1/me/queue', { schema: Queue })
      await cachedQueue.setValue({ fetchedAt: deps.now(), queue })
      state = 'ok'
      await announceNewLeads(deps.notifications, queue.leads)
    } catch (err) {
      state = connectionAfter(toFailure(err))
      if (state === 'ok') state = 'server_down'
      failures = (await pollFailures.getValue()) + 1
      // A refused or missing token means the stored queue is no longer this user's.
      if (state !== 'server_down') await cachedQueue.setValue(null)
    }
    await Promise.all([connection.setValue(state), pollFailures.setValue(failures)])
    await recount()
    await deps.alarms.create(POLL_ALARM, { when: deps.now() + nextPollMinutes(state, failures) * 60_000 })
    return state
  }

  /**
   * Fetches the queue now and reschedules the next poll. A call during a poll gets one more poll
   * after it (settings may have changed after the running one read them); further calls share it.
   */
  const refresh = (): Promise<Connection> => {
    if (!running) {
      running = poll().finally(() => {
        running = null
      })
      return running
    }
    queued ??= running.then(() => {
      queued = null
      return refresh()
    })
    return queued
  }

  return {
    refresh,
    /** Recomputes the badge from the stored queue at the current time. */
    recount,
  }
}

export type QueueSync = ReturnType<typeof createQueueSync>
