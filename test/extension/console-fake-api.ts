/**
 * An in-memory admin console API for the console's component tests: every resource behind the one
 * `adminRequest` message, bodies checked with the same shared schemas as the worker (so a bad draft that
 * slipped past the form would fail here too), answers checked with the answer schemas, and a way to make the
 * next request fail like the worker would (a 422 with paths, a 409).
 * @module
 */
import { vi } from 'vitest'
import { ConsoleRequest, RESOURCES, type ResourceName } from '../../extension/admin/console-resources'
import type { AdminApi, AdminFailure, AdminResult } from '../../extension/messaging-admin'
import { toIssues } from '../../shared/schemas/errors'

type Row = Record<string, any> & { id: string }

export type FakeConsole = Pick<AdminApi, 'whoAmI' | 'adminRequest'> & {
  store: Record<ResourceName, Row[]>
  /** The next request matching `resource`/`action` fails with `error`. */
  failNext: (resource: ResourceName, action: string, error: AdminFailure) => void
  /** Bodies the fake received, by `resource.action`. */
  bodies: (resource: ResourceName, action: string) => any[]
  testOutcome: { delivered: boolean; error: string | null }
}

const PREFIX: Record<ResourceName, string> = {
  reps: 'rep',
  calendars: 'cal',
  pools: 'pool',
  routingRules: 'rule',
  slaPolicies: 'sla',
  channels: 'chn',
  tokens: 'tok',
  sources: 'src',
}

const fail = (status: number, code: string, message: string, issues: AdminFailure['issues'] = []) => ({
  ok: false as const,
  error: { status, code, message, issues },
})

/** The stored row as the worker would keep it (secrets out, generated fields in). */
const stored = (resource: ResourceName, id: string, data: any): Row => {
  switch (resource) {
    case 'channels': {
      const { secret, ...rest } = data
      return { id, ...rest, hasSecret: !!secret }
    }
    case 'tokens':
      return {
        id,
        name: data.name,
        role: data.role,
        repId: data.repId ?? null,
        createdAt: '2026-12-01T10:00:00.000Z',
        lastUsedAt: null,
        expiresAt: data.expiresAt ?? null,
        revokedAt: null,
      }
    case 'sources':
      return {
        id,
        key: id,
        kind: data.kind,
        name: data.name,
        source: data.kind === 'form' ? data.source : data.kind,
        campaign: data.campaign ?? null,
        redirectUrl: data.redirectUrl ?? null,
        active: data.active,
        webhookPath: data.kind === 'form' ? `/v1/intake/form/${id}` : `/v1/webhooks/${id}`,
      }
    default:
      return { id, ...data }
  }
}

/**
 * @example const api = createFakeConsole({ reps: [REP] }); render(<ConsoleApp api={api as AdminApi} />)
 */
export const createFakeConsole = (seed: Partial<Record<ResourceName, Row[]>> = {}): FakeConsole => {
  const store = Object.fromEntries(
    (Object.keys(RESOURCES) as ResourceName[]).map((r) => [r, structuredClone(seed[r] ?? [])]),
  ) as Record<ResourceName, Row[]>
  const failures: Array<{ resource: string; action: string; error: AdminFailure }> = []
  const received: Record<string, any[]> = {}
  let n = 0
  const fake: FakeConsole = {
    store,
    testOutcome: { delivered: true, error: null },
    failNext: (resource, action, error) => failures.push({ resource, action, error }),
    bodies: (resource, action) => received[`${resource}.${action}`] ?? [],
    whoAmI: vi.fn(async () => ({ ok: true as const, data: { role: 'admin' as const, name: 'Ops', rep: null } })),
    adminRequest: vi.fn(async (raw): Promise<AdminResult<unknown>> => {
      const req = ConsoleRequest.parse(raw)
      const { resource, action, id } = req
      ;(received[`${resource}.${action}`] ??= []).push(structuredClone(req.body))
      const f = failures.findIndex((x) => x.resource === resource && x.action === action)
      if (f >= 0) return { ok: false, error: failures.splice(f, 1)[0]!.error }
      const def = RESOURCES[resource]
      const rows = store[resource]
      const at = rows.findIndex((r) => r.id === id)
      const ok = (data: unknown) => ({ ok: true as const, data: structuredClone(data) })
      const check = (schema: { safeParse: (v: unknown) => any }) => {
        const parsed = schema.safeParse(req.body)
        return parsed.success
          ? { data: parsed.data }
          : { error: fail(422, 'validation_failed', 'Invalid input', toIssues(parsed.error.issues)) }
      }
      switch (action) {
        case 'list':
          return ok(rows.map((r) => def.item.parse(r)))
        case 'create': {
          const parsed = check(def.input)
          if (parsed.error) return parsed.error
          const row = stored(resource, `${PREFIX[resource]}_${++n}`, parsed.data)
          rows.push(def.item.parse(row) as Row)
          if (resource === 'tokens') return ok({ ...row, token: `hk_${row.role}_SECRET${n}` })
          if (resource === 'sources')
            return ok({ ...row, ...(row.kind === 'typeform' ? { secret: `tf_generated_${n}` } : {}) })
          return ok(row)
        }
        case 'update': {
          if (at < 0) return fail(404, 'not_found', 'No such item')
          const parsed = check(def.input)
          if (parsed.error) return parsed.error
          rows[at] = def.item.parse(stored(resource, id!, parsed.data)) as Row
          return ok(rows[at])
        }
        case 'remove':
          if (at < 0) return fail(404, 'not_found', 'No such item')
          if (resource === 'reps') rows[at] = { ...rows[at]!, active: false }
          else if (resource === 'tokens') rows[at] = { ...rows[at]!, revokedAt: '2026-12-02T10:00:00.000Z' }
          else rows.splice(at, 1)
          return ok(null)
        case 'test':
          return at < 0 ? fail(404, 'not_found', 'No such channel') : ok(fake.testOutcome)
        case 'rotate': {
          if (at < 0) return fail(404, 'not_found', 'No such source')
          const body = (req.body ?? {}) as { secret?: string }
          const row = rows[at]!
          if ((row.kind === 'hubspot' || row.kind === 'calendly') && !body.secret)
            return fail(422, 'validation_failed', 'Invalid input', [
              { path: 'secret', message: 'Paste the new secret' },
            ])
          return ok({ ...row, ...(body.secret ? {} : { secret: `rotated_${++n}` }) })
        }
      }
    }),
  }
  return fake
}
