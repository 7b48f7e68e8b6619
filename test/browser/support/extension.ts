/**
 * Debian's Chromium (never a downloaded test browser) with the unpacked Chrome build loaded, driven by
 * playwright-core. Host names in `hosts` resolve to the fixture server on 127.0.0.1; every other name
 * fails to resolve, so no traffic leaves the machine.
 * @module
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type BrowserContext, type Worker, chromium } from 'playwright-core'

const ROOT = path.resolve(import.meta.dirname, '../../..')
export const CHROMIUM = '/usr/bin/chromium'

/** What every Chromium the tests start gets: no sandbox (containers), and nothing that calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/**
 * Whether the real-browser tests can run. Without Chromium: fail in CI, else skip with a loud warning.
 * @example describe.skipIf(!chromiumAvailable('extension'))('…', () => {})
 */
export const chromiumAvailable = (suite: string): boolean => {
  if (existsSync(CHROMIUM)) return true
  const message = `${CHROMIUM} is missing: install it with \`apt-get update && apt-get install -y chromium\``
  if (process.env.CI) throw new Error(`[${suite}] ${message} (required in CI)`)
  console.warn(`\n${'!'.repeat(80)}\n  SKIPPING the ${suite} real-browser tests: ${message}\n${'!'.repeat(80)}\n`)
  return false
}

/**
 * Builds the extension in the `e2e` mode (the release manifest plus host access to http://127.0.0.1, since a
 * test cannot click a permission prompt) and returns its directory: Chrome MV3 by default, or Firefox MV3.
 * @example const dir = buildExtension('firefox') // .output/firefox-mv3-e2e
 */
export const buildExtension = (browser: 'chrome' | 'firefox' = 'chrome'): string => {
  const args = browser === 'firefox' ? ['build', '-b', 'firefox', '--mv3', '--mode', 'e2e'] : ['build', '--mode', 'e2e']
  const result = spawnSync(path.join(ROOT, 'node_modules/.bin/wxt'), args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${path.join(ROOT, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}` },
  })
  if (result.status !== 0) throw new Error(`wxt build failed:\n${result.stdout}\n${result.stderr}`)
  return path.join(ROOT, `.output/${browser}-mv3-e2e`)
}

export type LaunchedExtension = {
  context: BrowserContext
  /** The extension's service worker (evaluate `chrome.*` in it). */
  sw: Worker
  extensionId: string
  close(): Promise<void>
}

/**
 * @example
 * const ext = await launchExtension({ extensionDir, hosts: ['www.linkedin.com'], httpsPort: fixtures.port })
 * const badge = await ext.sw.evaluate(() => chrome.action.getBadgeText({}))
 */
export const launchExtension = async ({
  extensionDir,
  hosts,
  httpsPort,
}: {
  extensionDir: string
  hosts: string[]
  httpsPort: number
}): Promise<LaunchedExtension> => {
  const profile = mkdtempSync(path.join(tmpdir(), 'handoff-chromium-'))
  const rules = [
    ...hosts.map((h) => `MAP ${h}:443 127.0.0.1:${httpsPort}`),
    'EXCLUDE 127.0.0.1',
    'MAP * ~NOTFOUND',
  ].join(', ')
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false, // `--headless=new` below: the old headless mode cannot load extensions
    args: [
      '--headless=new',
      ...CHROMIUM_ARGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--host-resolver-rules=${rules}`,
      '--ignore-certificate-errors',
    ],
    viewport: { width: 1280, height: 800 },
  })
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 45_000 }))
  const extensionId = new URL(sw.url()).host
  return {
    context,
    sw,
    extensionId,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
