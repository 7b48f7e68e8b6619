import { z } from 'zod'

/** The four roles of the contract; each token has exactly one. */
export const Role = z.enum(['admin', 'manager', 'rep', 'intake'])
export type Role = z.infer<typeof Role>

/** `POST /v1/admin/tokens` body. */
export const CreateTokenInput = z
  .object({
    role: Role,
    repId: z.string().min(1).optional(),
    name: z.string().trim().min(1).max(200),
    /** Optional expiry, ISO 8601 with an offset; must lie in the future. */
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((t) => (t.role === 'rep' || t.role === 'manager' ? !!t.repId : true), {
    message: 'repId is required for rep and manager tokens',
    path: ['repId'],
  })
export type CreateTokenInput = z.infer<typeof CreateTokenInput>

/** `GET /v1/me` answer. */
export const Me = z.object({
  role: Role,
  name: z.string(),
  rep: z.object({ id: z.string(), name: z.string(), email: z.string(), timeZone: z.string() }).nullable(),
})
export type Me = z.infer<typeof Me>
