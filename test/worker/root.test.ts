import { describe, expect, it } from 'vitest'
import { api } from './helpers'

describe('GET /', () => {
  it('links only to paths that exist', async () => {
    const res = await api('/', { token: null })
    expect(res.status).toBe(200)
    const links = Object.values((await res.json()) as Record<string, unknown>).filter(
      (v): v is string => typeof v === 'string' && v.startsWith('/'),
    )
    expect(links.length).toBeGreaterThan(0)
    for (const path of links) expect((await api(path)).status, path).not.toBe(404)
  })
})
