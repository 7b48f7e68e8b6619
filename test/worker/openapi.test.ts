/**
 * The OpenAPI 3.1 document at `/v1/openapi.json` (issue 15): every route the app mounts is in it with a
 * summary, request bodies and queries carry the routes' own zod schemas, and roles match `requireRole()`.
 */
import { describe, expect, it } from 'vitest'
import { app } from '../../worker/app'
import { openApiPath } from '../../worker/openapi/document'
import { OPERATIONS } from '../../worker/openapi/operations'
import { api } from './helpers'

type Op = {
  summary?: string
  security?: unknown[]
  'x-roles'?: string[]
  parameters?: { in: string; name: string }[]
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> }
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>
}
type Doc = { openapi: string; paths: Record<string, Record<string, Op>> }

const routes = [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort()

const load = async () => {
  const res = await api('/v1/openapi.json', { token: null })
  expect(res.status).toBe(200)
  return (await res.json()) as Doc
}

describe('GET /v1/openapi.json', () => {
  it('is OpenAPI 3.1 and lists every mounted route with a summary', async () => {
    const doc = await load()
    expect(doc.openapi).toBe('3.1.0')
    expect(routes.length).toBeGreaterThan(80)
    const missing = routes.filter((key) => {
      const [method, path] = key.split(' ') as [string, string]
      return !doc.paths[openApiPath(path)]?.[method.toLowerCase()]?.summary
    })
    expect(missing).toEqual([])
  })

  it('has no description of a route that does not exist', () => {
    expect(Object.keys(OPERATIONS).filter((k) => !routes.includes(k))).toEqual([])
  })

  it("takes request schemas from the routes' validators", async () => {
    const doc = await load()
    const lead = doc.paths['/v1/leads']!.post!
    const body = lead.requestBody!.content['application/json']!.schema
    expect(Object.keys(body.properties ?? {})).toEqual(expect.arrayContaining(['email', 'company']))
    expect(lead.responses['422']).toBeDefined()
    const queue = doc.paths['/v1/me/queue']!.get!
    expect(queue.parameters?.map((p) => `${p.in}:${p.name}`)).toContain('query:view')
    const rep = doc.paths['/v1/admin/reps/{id}']!.put!
    expect(rep.parameters?.map((p) => `${p.in}:${p.name}`)).toContain('path:id')
    expect(rep.responses['200']!.content!['application/json']!.schema).toBeDefined()
  })

  it('says who may call each route, as the route enforces it', async () => {
    const doc = await load()
    expect(doc.paths['/v1/admin/reps']!.get!['x-roles']).toEqual(['admin'])
    expect(doc.paths['/v1/manager/board']!.get!['x-roles']).toEqual(['manager', 'admin'])
    expect(doc.paths['/v1/leads']!.post!['x-roles']).toEqual(['intake', 'admin'])
    expect(doc.paths['/health']!.get!.security).toBeUndefined()
    // A role the document names is one the route admits: an intake token on an admin route is refused.
    const res = await api('/v1/admin/reps', { token: 'hk_intake_nope' })
    expect([401, 403]).toContain(res.status)
  })
})
