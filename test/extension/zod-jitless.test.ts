import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import '../../extension/lib/zod-jitless'

describe('zod in extension pages', () => {
  it('runs jitless, so validators never reach for new Function (forbidden by the extension CSP)', () => {
    expect(z.config().jitless).toBe(true)
    const original = globalThis.Function
    let compiled = 0
    globalThis.Function = new Proxy(original, {
      construct: (t, a) => (compiled++, Reflect.construct(t, a)),
      apply: (t, s, a) => (compiled++, Reflect.apply(t, s, a)),
    })
    try {
      const schema = z.object({ a: z.string(), b: z.number().int(), c: z.array(z.object({ d: z.boolean() })) })
      for (let i = 0; i < 5; i++) expect(schema.parse({ a: 'x', b: i, c: [{ d: true }] })).toMatchObject({ b: i })
    } finally {
      globalThis.Function = original
    }
    expect(compiled).toBe(0)
  })
})
