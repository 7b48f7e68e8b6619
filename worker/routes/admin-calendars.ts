/**
 * `/v1/admin/calendars`: business-hours calendars (admin only). A calendar reps still use cannot be deleted.
 * @module
 */
import { Hono } from 'hono'
import { CalendarInput } from '../../shared/schemas/admin'
import type { AppEnv } from '../app-env'
import {
  calendarInUse,
  deleteCalendar,
  getCalendarRow,
  insertCalendar,
  listCalendars,
  updateCalendar,
} from '../db/queries/config'
import { conflict, notFound } from '../domain/errors'
import { newId } from '../lib/crypto'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'
import { IdParam } from './params'

export const adminCalendarRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => c.json({ calendars: await listCalendars(c.var.db) }))
  .post('/', validate('json', CalendarInput), async (c) =>
    c.json({ calendar: await insertCalendar(c.var.db, { id: newId('cal'), ...c.req.valid('json') }) }, 201),
  )
  .get('/:id', validate('param', IdParam), async (c) => {
    const row = await getCalendarRow(c.var.db, c.req.valid('param').id)
    if (!row) throw notFound('calendar')
    return c.json({ calendar: row })
  })
  .put('/:id', validate('param', IdParam), validate('json', CalendarInput), async (c) => {
    const row = await updateCalendar(c.var.db, c.req.valid('param').id, c.req.valid('json'))
    if (!row) throw notFound('calendar')
    return c.json({ calendar: row })
  })
  .delete('/:id', validate('param', IdParam), async (c) => {
    const { id } = c.req.valid('param')
    if (await calendarInUse(c.var.db, id)) throw conflict('Reps still use this calendar')
    if (!(await deleteCalendar(c.var.db, id))) throw notFound('calendar')
    return c.body(null, 204)
  })
