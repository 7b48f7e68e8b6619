/**
 * `/v1/admin/channels` (alert channels; secrets are write-only; `POST /:id/test` sends a sample alert and
 * answers `{ test: { delivered, error } }`) and `/v1/admin/settings/managers-channel` (where escalations and
 * "nobody could take this lead" go). Admin only.
 * @module
 */
import { Hono } from 'hono'
import { ChannelInput, ManagersChannelInput } from '../../shared/schemas/admin'
import type { AppEnv } from '../app-env'
import { deleteChannel, insertChannel, listChannels, missingRefs, updateChannel } from '../db/queries/config'
import { type ChannelRow, getChannel, getManagersChannelId, setManagersChannelId } from '../db/queries/reps'
import { sendTestAlert } from '../domain/alerts/test-alert'
import { invalidInput, notFound } from '../domain/errors'
import { domainCtx } from '../lib/domain-ctx'
import { newId } from '../lib/crypto'
import { requireRole } from '../middleware/auth'
import { validate } from '../middleware/validate'
import { IdParam } from './params'

const channelOut = (c: ChannelRow) => ({
  id: c.id,
  name: c.name,
  kind: c.kind,
  url: c.url,
  hasSecret: !!c.secret,
  events: c.events,
})

export const adminChannelRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => c.json({ channels: (await listChannels(c.var.db)).map(channelOut) }))
  .post('/', validate('json', ChannelInput), async (c) =>
    c.json({ channel: channelOut(await insertChannel(c.var.db, { id: newId('chn'), ...c.req.valid('json') })) }, 201),
  )
  .get('/:id', validate('param', IdParam), async (c) => {
    const row = await getChannel(c.var.db, c.req.valid('param').id)
    if (!row) throw notFound('channel')
    return c.json({ channel: channelOut(row) })
  })
  .put('/:id', validate('param', IdParam), validate('json', ChannelInput), async (c) => {
    const row = await updateChannel(c.var.db, c.req.valid('param').id, c.req.valid('json'))
    if (!row) throw notFound('channel')
    return c.json({ channel: channelOut(row) })
  })
  // Awaited, outside the outbox: the admin sees at once whether the channel works.
  .post('/:id/test', validate('param', IdParam), async (c) => {
    const row = await getChannel(c.var.db, c.req.valid('param').id)
    if (!row) throw notFound('channel')
    return c.json({ test: await sendTestAlert(domainCtx(c), row) })
  })
  .delete('/:id', validate('param', IdParam), async (c) => {
    if (!(await deleteChannel(c.var.db, c.req.valid('param').id))) throw notFound('channel')
    return c.body(null, 204)
  })

export const adminSettingsRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/managers-channel', async (c) => c.json({ channelId: await getManagersChannelId(c.var.db) }))
  .put('/managers-channel', validate('json', ManagersChannelInput), async (c) => {
    const { channelId } = c.req.valid('json')
    const issues = await missingRefs(c.var.db, [{ table: 'channels', id: channelId, path: 'channelId' }])
    if (issues.length) throw invalidInput(issues)
    await setManagersChannelId(c.var.db, channelId)
    return c.json({ channelId })
  })
