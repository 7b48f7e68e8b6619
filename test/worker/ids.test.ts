import { describe, expect, it } from 'vitest'
import { newId } from '../../worker/lib/crypto'

describe('newId', () => {
  it('keeps the prefix and 32 hex digits, and sorts by creation time', async () => {
    const first = newId('lead')
    expect(first).toMatch(/^lead_[0-9a-f]{12}7[0-9a-f]{19}$/) // version nibble 7
    await new Promise((r) => setTimeout(r, 3))
    const ids = Array.from({ length: 200 }, () => newId('lead'))
    expect([...ids].sort()).toEqual(ids) // monotonic within and across milliseconds
    expect(ids[0]! > first).toBe(true)
    // The leading 48 bits are the creation time in ms.
    expect(Math.abs(parseInt(ids[0]!.slice(5, 17), 16) - Date.now())).toBeLessThan(5_000)
    expect(new Set(ids).size).toBe(200)
  })
})
