/**
 * The console pages' typed view of the one `adminRequest` message: `list('reps')` answers `RepAnswer[]`,
 * `create('tokens', …)` the token shown once. The types come from the resource table; the background has
 * parsed every answer with the same table's schemas, which is what makes the casts below sound.
 * @module
 */
import type { ChannelTestAnswer } from '../../shared/schemas/admin-answers'
import type { SourceRotate } from '../../shared/schemas/sources'
import type { AdminApi, AdminResult } from '../messaging-admin'
import type { CreatedOf, InputOf, ItemOf, ResourceName } from './console-resources'

export type ConsoleClient = {
  list<R extends ResourceName>(resource: R): Promise<AdminResult<Array<ItemOf<R>>>>
  create<R extends ResourceName>(resource: R, body: InputOf<R>): Promise<AdminResult<CreatedOf<R>>>
  update<R extends ResourceName>(resource: R, id: string, body: InputOf<R>): Promise<AdminResult<ItemOf<R>>>
  remove(resource: ResourceName, id: string): Promise<AdminResult<null>>
  /** `POST /v1/admin/channels/:id/test`. */
  testChannel(id: string): Promise<AdminResult<ChannelTestAnswer>>
  /** `POST /v1/admin/sources/:key/rotate`: the new secrets, shown once. */
  rotateSource(key: string, body: SourceRotate): Promise<AdminResult<CreatedOf<'sources'>>>
}

/**
 * @example const client = consoleClient(messagingAdminApi); const reps = await client.list('reps')
 */
export const consoleClient = (api: Pick<AdminApi, 'adminRequest'>): ConsoleClient => {
  const call = <T>(request: Parameters<AdminApi['adminRequest']>[0]) =>
    api.adminRequest(request) as Promise<AdminResult<T>>
  return {
    list: (resource) => call({ resource, action: 'list' }),
    create: (resource, body) => call({ resource, action: 'create', body }),
    update: (resource, id, body) => call({ resource, action: 'update', id, body }),
    remove: (resource, id) => call({ resource, action: 'remove', id }),
    testChannel: (id) => call({ resource: 'channels', action: 'test', id }),
    rotateSource: (key, body) => call({ resource: 'sources', action: 'rotate', id: key, body }),
  }
}
