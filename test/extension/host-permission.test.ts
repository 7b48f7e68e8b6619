import { describe, expect, it } from 'vitest'
import { hostPattern } from '../../extension/lib/host-permission'
import config from '../../wxt.config'

describe('hostPattern', () => {
  it('drops the port and the path: match patterns have none', () => {
    expect(hostPattern('http://127.0.0.1:8787')).toBe('http://127.0.0.1/*')
    expect(hostPattern('http://localhost:3000')).toBe('http://localhost/*')
    expect(hostPattern('https://handoff.example.com')).toBe('https://handoff.example.com/*')
  })

  it('asks only for what the manifest declares as optional (Firefox refuses anything else)', () => {
    const manifest =
      typeof config.manifest === 'function'
        ? config.manifest({ mode: 'production', browser: 'firefox' } as never)
        : config.manifest
    const optional = (manifest as { optional_host_permissions: string[] }).optional_host_permissions
    for (const origin of ['http://127.0.0.1:8787', 'http://localhost:9000'])
      expect(optional).toContain(hostPattern(origin))
    expect(optional).toContain('https://*/*')
  })
})
