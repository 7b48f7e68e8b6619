/**
 * The release builds: Chrome MV3 and Firefox MV3 build offline, the Firefox build passes `web-ext lint`
 * with no errors, and the content script that runs on every LinkedIn/CRM page stays under its budget.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../..')
const BIN = path.join(ROOT, 'node_modules/.bin')
const run = (cmd: string, args: string[]) => {
  const res = spawnSync(path.join(BIN, cmd), args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}` },
  })
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${res.stderr || res.stdout}`)
  return res.stdout
}

/** 30 KB, minified and gzipped. */
const CONTENT_SCRIPT_BUDGET = 30 * 1024

describe('extension release builds', () => {
  it('builds for Chrome with the content script under 30 KB gzipped', () => {
    run('wxt', ['build'])
    const bytes = gzipSync(readFileSync(path.join(ROOT, '.output/chrome-mv3/content-scripts/overlay.js'))).length
    console.log(`content script: ${bytes} bytes min+gzip (budget ${CONTENT_SCRIPT_BUDGET})`)
    expect(bytes).toBeLessThan(CONTENT_SCRIPT_BUDGET)
    // The release overlay hides from the page: a closed shadow root, and no "started" postMessage.
    const code = readFileSync(path.join(ROOT, '.output/chrome-mv3/content-scripts/overlay.js'), 'utf8')
    expect(code).toMatch(/mode:\s*"closed"/)
    expect(code).not.toMatch(/mode:\s*"open"/)
    expect(code).toMatch(/noScriptStartedPostMessage:\s*(!0|true)/)
    // Release builds never run on loopback pages (the local demo's profiles) nor hold host access up front.
    const manifest = JSON.parse(readFileSync(path.join(ROOT, '.output/chrome-mv3/manifest.json'), 'utf8'))
    const matches = manifest.content_scripts.flatMap((c: { matches: string[] }) => c.matches)
    expect(matches).toContain('https://*.linkedin.com/*')
    expect(matches.filter((m: string) => !m.startsWith('https://'))).toEqual([])
    expect(manifest.host_permissions ?? []).toEqual([])
  })

  it("builds the demo build: loopback access up front and the worker's demo profile pages", () => {
    run('wxt', ['build', '--mode', 'demo'])
    const manifest = JSON.parse(readFileSync(path.join(ROOT, '.output/chrome-mv3-demo/manifest.json'), 'utf8'))
    expect(manifest.host_permissions).toEqual(['http://127.0.0.1/*'])
    const matches = manifest.content_scripts.flatMap((c: { matches: string[] }) => c.matches)
    expect(matches).toEqual(expect.arrayContaining(['http://127.0.0.1/demo/linkedin/*', 'https://*.linkedin.com/*']))
  })

  it('builds for Firefox (MV3) and passes web-ext lint with no errors', () => {
    run('wxt', ['build', '-b', 'firefox', '--mv3'])
    const report = JSON.parse(run('web-ext', ['lint', '-s', '.output/firefox-mv3', '--output', 'json']))
    expect(report.errors).toEqual([])
    expect(report.summary.errors).toBe(0)
  })
})
