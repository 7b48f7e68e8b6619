/**
 * Debian's Firefox ESR (never a downloaded test browser) driven by puppeteer-core over WebDriver BiDi, with
 * the Firefox MV3 build installed as a temporary add-on. `network.dns.forceResolve` sends every host name to
 * 127.0.0.1, so `https://www.linkedin.com/…` reaches the fixture server on 127.0.0.1:443 and nothing leaves
 * the machine. See ../shared/TOOLCHAIN.md for the launch options that were checked.
 * @module
 */
import { existsSync } from 'node:fs'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'

export const FIREFOX = '/usr/bin/firefox-esr'
const GECKO_ID = 'handoff@handoff.example'
/** Fixed up front (pref `extensions.webextensions.uuids`) so the add-on's pages have a known origin. */
const UUID = '6f1c2d7e-0f0f-4a4a-8b8b-00000000e2e0'

/**
 * Whether Firefox is here. Without it: fail in CI, else skip with a loud warning.
 * @example describe.skipIf(!firefoxAvailable('journey'))('…', () => {})
 */
export const firefoxAvailable = (suite: string): boolean => {
  if (existsSync(FIREFOX)) return true
  const message = `${FIREFOX} is missing: install it with \`apt-get update && apt-get install -y firefox-esr\``
  if (process.env.CI) throw new Error(`[${suite}] ${message} (required in CI)`)
  console.warn(`\n${'!'.repeat(80)}\n  SKIPPING the ${suite} Firefox tests: ${message}\n${'!'.repeat(80)}\n`)
  return false
}

export type LaunchedFirefox = {
  browser: Browser
  /** `moz-extension://<uuid>` */
  origin: string
  /**
   * Opens one of the add-on's pages in a new tab. Firefox does not report navigations to `moz-extension:`
   * over BiDi, so this waits for the page's own `<title>` instead of the load event.
   */
  openExtensionPage(file: string): Promise<Page>
  close(): Promise<void>
}

/**
 * @example
 * const ff = await launchFirefox(buildExtension('firefox'))
 * const options = await ff.openExtensionPage('options.html')
 */
export const launchFirefox = async (extensionDir: string): Promise<LaunchedFirefox> => {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    // Lets BiDi open and script the add-on's own pages.
    args: ['--remote-allow-system-access', '--width=1280', '--height=800'],
    extraPrefsFirefox: {
      'network.dns.forceResolve': '127.0.0.1',
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
      // A permission request from a real click is granted without the doorhanger a test cannot press.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  })
  await browser.installExtension(extensionDir)
  const origin = `moz-extension://${UUID}`
  const openExtensionPage = async (file: string) => {
    const page = await browser.newPage()
    await page.setViewport({ width: 1280, height: 800 })
    await page.goto(`${origin}/${file}`, { timeout: 3_000 }).catch(() => {})
    await page.waitForFunction('document.readyState === "complete" && document.title !== ""', { timeout: 15_000 })
    return page
  }
  return { browser, origin, openExtensionPage, close: () => browser.close() }
}
