/**
 * Wire shapes of the audit list (`GET /v1/admin/audit`, role `admin`): who changed what configuration and when.
 * @module
 */
import { z } from 'zod'

/**
 * One recorded change. `action` is `<resource>.<verb>`: resources `criteria`, `rep`, `calendar`, `pool`,
 * `routing_rule`, `account`, `sla_policy`, `channel`, `settings`, `token`, `source`, `mql_target`, `lead`
 * (reassign); verbs `create`, `update`, `delete`, `restore`, `revoke`, `rotate`, `test`, `reassign`, `import`.
 */
export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actor: z.object({
    /** The token's name (`bootstrap admin` for `ADMIN_TOKEN`). */
    name: z.string(),
    role: z.string(),
    tokenId: z.string().nullable(),
    repId: z.string().nullable(),
  }),
  /** What was changed: its kind and id (null when the change has no single target, e.g. criteria). */
  target: z.object({ type: z.string(), id: z.string().nullable() }),
  /** `METHOD path` of the request that made it. */
  request: z.string(),
  /** A few facts worth keeping (a reason, a version), never a secret. */
  detail: z.record(z.string(), z.unknown()),
})
export type AuditEntry = z.infer<typeof AuditEntry>

/** `GET /v1/admin/audit` query: `action` filters by prefix (`rep` or `rep.update`). */
export const AuditQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  action: z.string().trim().max(100).optional(),
})
export type AuditQuery = z.infer<typeof AuditQuery>

/** `GET /v1/admin/audit`: newest first; `nextCursor` null on the last page. */
export const AuditPage = z.object({ entries: z.array(AuditEntry), nextCursor: z.string().nullable() })
export type AuditPage = z.infer<typeof AuditPage>
