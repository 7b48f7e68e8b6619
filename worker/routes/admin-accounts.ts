/**
 * `/v1/admin/accounts`: named accounts, imported in bulk as domain → owner (admin only).
 * @module
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { AccountsImport } from '../../shared/schemas/admin'
import type { AppEnv } from '../app-env'
import { deleteAccount, existingRepIds, listAccounts, upsertAccounts } from '../db/queries/config'
import { invalidInput, notFound } from '../domain/errors'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'

export const adminAccountRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => c.json({ accounts: await listAccounts(c.var.db) }))
  .post('/', validate('json', AccountsImport), async (c) => {
    const { accounts: list } = c.req.valid('json')
    const known = await existingRepIds(
      c.var.db,
      list.map((a) => a.ownerRepId),
    )
    const issues = list.flatMap((a, i) =>
      known.has(a.ownerRepId) ? [] : [{ path: `accounts.${i}.ownerRepId`, message: 'No rep with this id' }],
    )
    if (issues.length) throw invalidInput(issues)
    // Last one wins for a domain listed twice.
    const rows = [...new Map(list.map((a) => [a.domain, a])).values()]
    await upsertAccounts(c.var.db, rows)
    return c.json({ imported: rows.length })
  })
  .delete('/:domain', validate('param', z.object({ domain: z.string().min(1).max(253) })), async (c) => {
    if (!(await deleteAccount(c.var.db, c.req.valid('param').domain.toLowerCase()))) throw notFound('account', 'domain')
    return c.body(null, 204)
  })
