/**
 * The admin console's resources as data: where each lives on the worker, the shared zod schema its
 * create/update body must pass, and the schemas of its answers. The background reads this table to check and
 * relay a console request; the pages read it for their types. One table, so a page cannot ask the background
 * for a path or a body shape the worker does not have.
 * @module
 */
import { z } from 'zod'
import {
  CalendarAnswer,
  ChannelAnswer,
  ChannelTestAnswer,
  IssuedTokenAnswer,
  PoolAnswer,
  RepAnswer,
  RoutingRuleAnswer,
  SlaPolicyAnswer,
  TokenAnswer,
} from '../../shared/schemas/admin-answers'
import {
  CalendarInput,
  ChannelInput,
  PoolInput,
  RepInput,
  RoutingRuleInput,
  SlaPolicyInput,
} from '../../shared/schemas/admin'
import { CreateTokenInput } from '../../shared/schemas/auth'
import { CreatedSource, Source, SourceInput, SourceRotate } from '../../shared/schemas/sources'

/** What a console request does to a resource. `test` and `rotate` exist on channels and sources only. */
export const ConsoleAction = z.enum(['list', 'create', 'update', 'remove', 'test', 'rotate'])
export type ConsoleAction = z.infer<typeof ConsoleAction>

type Resource = {
  path: string
  /** The key of the list in `GET` (`{ reps: [...] }`). */
  listKey: string
  /** The key of one item in `POST`/`PUT` answers (`{ rep }`); absent: the answer is the item itself. */
  oneKey?: string
  item: z.ZodType
  input: z.ZodType
  /** The `POST` answer when it is not the item (a token or generated secrets shown once). */
  created?: z.ZodType
  update: boolean
  /** Extra `POST /:id/<action>` calls: the body schema and the answer. */
  extra?: Partial<Record<'test' | 'rotate', { input: z.ZodType; answer: z.ZodType; answerKey?: string }>>
}

/** Every resource of the console. */
export const RESOURCES = {
  reps: { path: '/v1/admin/reps', listKey: 'reps', oneKey: 'rep', item: RepAnswer, input: RepInput, update: true },
  calendars: {
    path: '/v1/admin/calendars',
    listKey: 'calendars',
    oneKey: 'calendar',
    item: CalendarAnswer,
    input: CalendarInput,
    update: true,
  },
  pools: {
    path: '/v1/admin/pools',
    listKey: 'pools',
    oneKey: 'pool',
    item: PoolAnswer,
    input: PoolInput,
    update: true,
  },
  routingRules: {
    path: '/v1/admin/routing-rules',
    listKey: 'rules',
    oneKey: 'rule',
    item: RoutingRuleAnswer,
    input: RoutingRuleInput,
    update: true,
  },
  slaPolicies: {
    path: '/v1/admin/sla-policies',
    listKey: 'policies',
    oneKey: 'policy',
    item: SlaPolicyAnswer,
    input: SlaPolicyInput,
    update: true,
  },
  channels: {
    path: '/v1/admin/channels',
    listKey: 'channels',
    oneKey: 'channel',
    item: ChannelAnswer,
    input: ChannelInput,
    update: true,
    extra: { test: { input: z.object({}).strict().default({}), answer: ChannelTestAnswer, answerKey: 'test' } },
  },
  tokens: {
    path: '/v1/admin/tokens',
    listKey: 'tokens',
    item: TokenAnswer,
    input: CreateTokenInput,
    created: IssuedTokenAnswer,
    update: false,
  },
  sources: {
    path: '/v1/admin/sources',
    listKey: 'sources',
    oneKey: 'source',
    item: Source,
    input: SourceInput,
    created: CreatedSource,
    update: false,
    extra: { rotate: { input: SourceRotate, answer: CreatedSource, answerKey: 'source' } },
  },
} satisfies Record<string, Resource>

export type ResourceName = keyof typeof RESOURCES
export const ResourceName = z.enum(Object.keys(RESOURCES) as [ResourceName, ...ResourceName[]])

type Def<R extends ResourceName> = (typeof RESOURCES)[R]
/** A stored item of a resource, as the worker answers it. */
export type ItemOf<R extends ResourceName> = z.infer<Def<R>['item']>
/** The create/update body of a resource, before the shared schema's defaults. */
export type InputOf<R extends ResourceName> = z.input<Def<R>['input']>
/** The `POST` answer: the item, or what is shown once (a token, generated secrets). */
export type CreatedOf<R extends ResourceName> =
  Def<R> extends { created: z.ZodType } ? z.infer<Def<R>['created']> : ItemOf<R>

/** Ids go into the URL path: plain id characters only (the worker's own ids and source keys). */
export const ResourceId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'Not an id')

/**
 * One console request as it travels to the background.
 * @example ConsoleRequest.parse({ resource: 'reps', action: 'update', id: 'rep_1', body: { name: 'Ana', … } })
 */
export const ConsoleRequest = z
  .object({ resource: ResourceName, action: ConsoleAction, id: ResourceId.optional(), body: z.unknown().optional() })
  .strict()
export type ConsoleRequest = z.infer<typeof ConsoleRequest>
