/**
 * `/v1/admin/reps`: reps and managers (admin only). `DELETE` deactivates: history keeps pointing at them.
 * @module
 */
import { Hono } from 'hono'
import { RepInput } from '../../shared/schemas/admin'
import type { AppEnv } from '../app-env'
import { deactivateRep, insertRep, listReps, missingRefs, updateRep } from '../db/queries/config'
import { getRep, type RepRow } from '../db/queries/reps'
import { conflict, invalidInput, notFound } from '../domain/errors'
import { newId } from '../lib/crypto'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'
import { IdParam } from './params'

const repOut = (r: RepRow) => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: r.role,
  managerId: r.managerId,
  timeZone: r.timeZone,
  calendarId: r.calendarId,
  active: r.active,
  outOfOffice: r.outOfOffice,
  capacity: r.capacity,
  weight: r.weight,
  channelId: r.channelId,
  crmOwnerIds: r.crmOwnerIds as string[],
})

const repRefs = (input: RepInput, selfId?: string) => {
  if (selfId && input.managerId === selfId)
    throw invalidInput([{ path: 'managerId', message: 'A rep cannot manage themself' }])
  return [
    { table: 'reps' as const, id: input.managerId, path: 'managerId' },
    { table: 'calendars' as const, id: input.calendarId, path: 'calendarId' },
    { table: 'channels' as const, id: input.channelId, path: 'channelId' },
  ]
}

const checkRefs = async (db: AppEnv['Variables']['db'], input: RepInput, selfId?: string) => {
  const issues = await missingRefs(db, repRefs(input, selfId))
  if (issues.length) throw invalidInput(issues)
}

const isUniqueViolation = (err: unknown) =>
  /UNIQUE constraint failed/i.test(
    String((err as Error)?.message ?? err) + String((err as { cause?: Error })?.cause?.message ?? ''),
  )

/** Turns the email's unique index into a 409 instead of a 500. */
const uniqueEmail = async <T>(write: () => Promise<T>): Promise<T> => {
  try {
    return await write()
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('A rep with this email exists')
    throw err
  }
}

export const adminRepRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => c.json({ reps: (await listReps(c.var.db)).map(repOut) }))
  .post('/', validate('json', RepInput), async (c) => {
    const input = c.req.valid('json')
    await checkRefs(c.var.db, input)
    const row = await uniqueEmail(() =>
      insertRep(c.var.db, { id: newId('rep'), ...input, email: input.email.toLowerCase() }),
    )
    return c.json({ rep: repOut(row) }, 201)
  })
  .get('/:id', validate('param', IdParam), async (c) => {
    const row = await getRep(c.var.db, c.req.valid('param').id)
    if (!row) throw notFound('rep')
    return c.json({ rep: repOut(row) })
  })
  .put('/:id', validate('param', IdParam), validate('json', RepInput), async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    await checkRefs(c.var.db, input, id)
    const row = await uniqueEmail(() => updateRep(c.var.db, id, { ...input, email: input.email.toLowerCase() }))
    if (!row) throw notFound('rep')
    return c.json({ rep: repOut(row) })
  })
  .delete('/:id', validate('param', IdParam), async (c) => {
    const row = await deactivateRep(c.var.db, c.req.valid('param').id)
    if (!row) throw notFound('rep')
    return c.json({ rep: repOut(row) })
  })
