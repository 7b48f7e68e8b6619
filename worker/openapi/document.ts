/**
 * The OpenAPI 3.1 document, generated from the app itself: `hono-openapi` reads the request schemas that
 * `validate()` marks on every route (the same shared zod schemas that validate the request), `requireRole()`
 * marks who may call a route, and `operations.ts` adds each route's summary and success answer.
 * @module
 */
import { generateSpecs, resolver } from 'hono-openapi'
import type { RouterRoute } from 'hono/types'
import { ErrorBody } from '../../shared/schemas/errors'
import { ROLES_MARK } from '../middleware/auth'
import { OPERATIONS } from './operations'

/** The document as `hono-openapi` types it (OpenAPI 3.1). */
type Document = Awaited<ReturnType<typeof generateSpecs>>
type Operation = NonNullable<NonNullable<Document['paths']>[string]>['get'] & object

/** All the document needs of the app: Hono's route list. */
type AnyApp = { routes: RouterRoute[] }
type Roles = readonly string[]

/** `/v1/leads/:id` → `/v1/leads/{id}`, as OpenAPI writes path parameters. */
export const openApiPath = (honoPath: string) => honoPath.replace(/:(\w+)/g, '{$1}')

/**
 * Who may call each `METHOD /path`, from the `requireRole()` middleware on the route or on its sub-app
 * (`use()` entries are listed by Hono as method `ALL` with a `/*` path).
 * @example routeRoles(app).get('GET /v1/me') // ['admin', 'manager', 'rep', 'intake']
 */
export const routeRoles = (app: AnyApp) => {
  const marks = app.routes.flatMap((r) => {
    const roles = (r.handler as { [ROLES_MARK]?: Roles })[ROLES_MARK]
    return roles ? [{ method: r.method, path: r.path, roles }] : []
  })
  const out = new Map<string, Roles>()
  for (const r of app.routes) {
    if (r.method === 'ALL') continue
    const mark = marks.find(
      (m) =>
        (m.method === r.method && m.path === r.path) ||
        (m.method === 'ALL' && m.path.endsWith('/*') && `${r.path}/`.startsWith(m.path.slice(0, -1))),
    )
    if (mark) out.set(`${r.method} ${r.path}`, mark.roles)
  }
  return out
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
})

/** Whether a validator marked the operation (a body, or query parameters), so that it may answer 422. */
const validated = (op: Operation) => !!op.requestBody || !!op.parameters?.some((p) => 'in' in p && p.in === 'query')

/**
 * Builds the document. Routes without an entry in `OPERATIONS` still appear (with their parameters), and the
 * route-coverage test fails on them.
 * @example const doc = await openApiDocument(app, 'http://127.0.0.1:8787')
 */
export const openApiDocument = async (app: AnyApp, serverUrl?: string): Promise<Document> => {
  const error = await resolver(ErrorBody).toOpenAPISchema()
  const doc = await generateSpecs(app as Parameters<typeof generateSpecs>[0], {
    documentation: {
      openapi: '3.1.0',
      info: {
        title: 'Handoff API',
        version: '1.1.0',
        description:
          'Leads from marketing to sales: intake, qualification, assignment, speed-to-lead SLA and outcomes. ' +
          'Every error answers `{ error: { code, message, issues? } }`.',
      },
      servers: serverUrl ? [{ url: serverUrl }] : [],
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A Handoff token' } },
        schemas: { Error: error.schema },
      },
    },
    includeEmptyPaths: true,
    excludeStaticFile: false,
    // Ours is 422 with field paths, not the library's default 400 shape: added below.
    defaultValidationErrorResponse: false,
  })
  const roles = routeRoles(app)
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item ?? {}) as [string, Operation][]) {
      const route = app.routes.find((r) => r.method.toLowerCase() === method && openApiPath(r.path) === path)
      const key = route && `${route.method} ${route.path}`
      const described = key ? OPERATIONS[key] : undefined
      const who = key ? roles.get(key) : undefined
      if (who) {
        op.security = [{ bearer: [] }]
        op['x-roles' as 'description'] = who as unknown as string
      }
      if (!described) continue
      op.summary = described.summary
      op.tags = [described.tag]
      if (who) op.description = `Roles: ${who.join(', ')}.`
      const schema = described.schema && (await resolver(described.schema).toOpenAPISchema()).schema
      op.responses = {
        ...op.responses,
        [described.ok]: {
          description: described.summary,
          ...(schema
            ? { content: { 'application/json': { schema } } }
            : described.media
              ? { content: { [described.media]: {} } }
              : {}),
        },
        ...(validated(op) ? { 422: errorResponse('Validation failed: `issues` lists each field path') } : {}),
        ...(who ? { 401: errorResponse('No valid token'), 403: errorResponse('The token may not do this') } : {}),
      }
    }
  }
  return doc
}
