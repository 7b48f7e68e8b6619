/**
 * What the background answers to each message. Every payload is parsed first; a bad one is refused
 * (the caller's promise rejects) without touching the server. Answers never include settings.
 * @module
 */
import { z } from 'zod'
import { Me } from '../../shared/schemas/auth'
import { type Brief, LeadResponse, Queue } from '../../shared/schemas/lead'
import type {
  ActionResult,
  ConnectionResult,
  LookupResult,
  ProtocolMap,
  QueueTabResult,
  StateResult,
} from '../messaging'
import { cachedQueue, connection, settings } from '../storage'
import type { ApiClient } from './api-client'
import { toFailure } from './failure'
import { createLookupCache } from './lookup-cache'
import {
  DispositionMessageSchema,
  LeadIdentityMessage,
  LeadIdMessage,
  NoPayload,
  QueueTabMessage,
  TouchMessageSchema,
  UndoMessageSchema,
} from './message-schemas'
import { createPendingActions, type PendingActions } from './pending-actions'
import type { QueueSync } from './queue-sync'

export type HandlerDeps = { api: ApiClient; sync: QueueSync; now: () => number; pending?: PendingActions }

/** Handlers taking the raw (unvalidated) payload. */
export type Handlers = { [K in keyof ProtocolMap]: (data: unknown) => Promise<ReturnType<ProtocolMap[K]>> }

const parse = <S extends z.ZodType>(schema: S, data: unknown): z.infer<S> => {
  const result = schema.safeParse(data)
  if (!result.success) throw new Error(`Invalid message: ${z.prettifyError(result.error)}`)
  return result.data
}

const lookupPath = (lookup: z.infer<typeof LeadIdentityMessage>['lookup']) =>
  `/v1/leads/lookup?${new URLSearchParams(lookup as Record<string, string>).toString()}`

/**
 * @example
 * const handlers = createHandlers({ api, sync, now: Date.now })
 * await handlers.lookupLead({ site: 'linkedin', lookup: { linkedin: 'jane-doe' } })
 */
export const createHandlers = (deps: HandlerDeps): Handlers => {
  const { api, sync, now } = deps
  const cache = createLookupCache<LookupResult>(now)
  const pending = deps.pending ?? createPendingActions()

  /** Sends now, or with an `actionId` after the undo window unless undone (then `{ kind: 'undone' }`). */
  const undoable = async (actionId: string | undefined, send: () => Promise<ActionResult>): Promise<ActionResult> => {
    const guarded = () => send().catch(toFailure)
    if (!actionId) return guarded()
    return (await pending.later(actionId, guarded)) ?? { kind: 'undone' }
  }
  // Other settings may be another user: nothing looked up with the old ones is shown with the new.
  settings.watch(() => cache.clear())

  /** After a change: drop cached lookups and refresh queue and badge before answering. */
  const afterChange = async (lead: Brief): Promise<ActionResult> => {
    cache.clear()
    await sync.refresh()
    return { kind: 'ok', lead }
  }

  return {
    async getState(data): Promise<StateResult> {
      parse(NoPayload, data)
      const [stored, state] = await Promise.all([cachedQueue.getValue(), connection.getValue()])
      return { connection: state, counts: stored?.queue.counts ?? null, fetchedAt: stored?.fetchedAt ?? null }
    },

    async getQueue(data) {
      parse(NoPayload, data)
      return (await cachedQueue.getValue())?.queue ?? null
    },

    async getQueueTab(data): Promise<QueueTabResult> {
      const { view } = parse(QueueTabMessage, data)
      try {
        return { kind: 'queue', queue: await api.request(`/v1/me/queue?view=${view}`, { schema: Queue }) }
      } catch (err) {
        return toFailure(err)
      }
    },

    async lookupLead(data): Promise<LookupResult> {
      const identity = parse(LeadIdentityMessage, data)
      const key = JSON.stringify(identity.lookup)
      // A cached brief only while the last poll says the token works: a revoked token or a deactivated rep
      // sees nothing more than the server would show.
      const hit = (await connection.getValue()) === 'ok' ? cache.get(key) : undefined
      if (hit) return hit
      try {
        const { lead } = await api.request(lookupPath(identity.lookup), { schema: LeadResponse })
        return cache.set(key, { kind: 'lead', lead })
      } catch (err) {
        const failure = toFailure(err)
        if (failure.kind === 'signed_out' || failure.kind === 'unconfigured') cache.clear()
        if (failure.kind === 'error' && (err as { status?: number }).status === 404) {
          return cache.set(key, { kind: 'not_found' })
        }
        return failure
      }
    },

    async getLead(data): Promise<LookupResult> {
      const { leadId } = parse(LeadIdMessage, data)
      try {
        const { lead } = await api.request(`/v1/leads/${encodeURIComponent(leadId)}`, { schema: LeadResponse })
        return { kind: 'lead', lead }
      } catch (err) {
        const failure = toFailure(err)
        return failure.kind === 'error' && (err as { status?: number }).status === 404 ? { kind: 'not_found' } : failure
      }
    },

    async logTouch(data): Promise<ActionResult> {
      const { leadId, actionId, ...body } = parse(TouchMessageSchema, data)
      return undoable(actionId, async () => {
        // The answer is `{ touch, lead }`: the updated brief comes back with it.
        const { lead } = await api.request(`/v1/leads/${encodeURIComponent(leadId)}/touch`, {
          method: 'POST',
          json: body,
          schema: LeadResponse,
        })
        return afterChange(lead)
      })
    },

    async setDisposition(data): Promise<ActionResult> {
      const { leadId, actionId, ...body } = parse(DispositionMessageSchema, data)
      return undoable(actionId, async () => {
        const { lead } = await api.request(`/v1/leads/${encodeURIComponent(leadId)}/disposition`, {
          method: 'POST',
          json: body,
          schema: LeadResponse,
        })
        return afterChange(lead)
      })
    },

    async undoAction(data): Promise<{ undone: boolean }> {
      return { undone: pending.undo(parse(UndoMessageSchema, data).actionId) }
    },

    async testConnection(data): Promise<ConnectionResult> {
      parse(NoPayload, data)
      try {
        const me = await api.request('/v1/me', { schema: Me })
        void sync.refresh()
        return { kind: 'ok', me }
      } catch (err) {
        return toFailure(err)
      }
    },
  }
}

type OnMessage = <K extends keyof ProtocolMap>(
  type: K,
  handler: (message: { data: unknown }) => Promise<ReturnType<ProtocolMap[K]>>,
) => unknown

/** Registers every handler with the messenger (`onMessage` from `messaging.ts`). */
export const registerHandlers = (onMessage: OnMessage, handlers: Handlers): void => {
  for (const type of Object.keys(handlers) as (keyof ProtocolMap)[]) {
    onMessage(type, (message) => (handlers[type] as (d: unknown) => Promise<never>)(message.data))
  }
}
