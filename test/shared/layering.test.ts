/**
 * The layers, checked on the source: domain code raises domain errors (never the HTTP `ApiError`), only
 * `worker/db/` touches the D1 binding, and the per-resource admin routes hold no query of their own.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')

const filesUnder = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((name) => {
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

  it('the admin config routes call query functions, never drizzle directly', () => {
    const admin = filesUnder('worker/routes').filter((f) =>
      /admin-(reps|calendars|pools|routing-rules|accounts|sla-policies|channels)\.ts$/.test(f),
    )
    expect(admin).toHaveLength(7)
    expect(offenders(admin, /\bdb\.(select|insert|update|delete|query|batch|run)\b|from 'drizzle-orm'/)).toEqual([])
  })
})
