/**
 * The layers, checked on the source: domain code raises domain errors (never the HTTP `ApiError`), only
 * `worker/db/` touches the D1 binding, and the per-resource admin routes hold no query of their own.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')

const filesUnder = (dir: string): string[] =>
  !statSync(join(root, dir)).isDirectory()
    ? [dir]
    : readdirSync(join(root, dir)).flatMap((name) => {
        const path = join(dir, name)
        return statSync(join(root, path)).isDirectory() ? filesUnder(path) : /\.tsx?$/.test(name) ? [path] : []
      })

const offenders = (files: string[], pattern: RegExp) =>
  files.filter((f) => pattern.test(readFileSync(join(root, f), 'utf8'))).map((f) => relative(root, join(root, f)))

describe('layering', () => {
  it('finds the files it checks (so an empty glob cannot pass)', () => {
    expect(filesUnder('worker/domain').length).toBeGreaterThan(20)
    expect(filesUnder('worker/routes').length).toBeGreaterThan(10)
  })

  it('domain code never throws the HTTP ApiError', () => {
    expect(offenders(filesUnder('worker/domain'), /\bApiError\b/)).toEqual([])
  })

  // Building a statement is the query layer's job; running several in one `db.batch` is the domain's
  // decision (what must be written together), so `db.batch` itself is allowed.
  const QUERY = /\bdb\.(select|insert|update|delete|query|run|all|get)\b|\benv\.DB\b/

  it('routes, domain, middleware and cron call query functions, never drizzle or D1 directly', () => {
    const files = [
      'worker/routes',
      'worker/domain',
      'worker/middleware',
      'worker/cron',
      'worker/lib',
      'worker/index.ts',
      'worker/app.ts',
    ].flatMap(filesUnder)
    expect(offenders(files, QUERY)).toEqual([])
  })
})
