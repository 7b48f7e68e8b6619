/// <reference lib="dom" />
/**
 * One driver for the journey in both browsers: puppeteer-core launches Debian's Chromium (over CDP, the
 * extension loaded through `enableExtensions`) or Debian's Firefox ESR (over WebDriver BiDi, a temporary
 * add-on, see `firefox.ts`), so each step is written once. Neither browser is ever downloaded. Fixture pages
 * answer on 127.0.0.1:443 under their real host names (Chromium: `--host-resolver-rules`; Firefox:
 * `network.dns.forceResolve`).
 * @module
 */
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core'
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable } from './extension'
import { FIREFOX, firefoxAvailable, launchFirefox } from './firefox'

export type BrowserKind = 'chromium' | 'firefox'

export type Driven = {
  kind: BrowserKind
  browser: Browser
  /** `chrome-extension://<id>` or `moz-extension://<uuid>` */
  origin: string
  /** Opens one of the extension's pages (`options.html`, `popup.html`, `manager.html`) in a new tab. */
  openExtensionPage(file: string): Promise<Page>
  /** Opens a web page in a new tab. */
  openPage(url: string): Promise<Page>
  close(): Promise<void>
}

/** Whether the browser is installed (in CI a missing one fails; elsewhere it is skipped loudly). */
export const available = (kind: BrowserKind, suite: string) =>
  kind === 'chromium' ? chromiumAvailable(suite) : firefoxAvailable(suite)

const launchChromium = async (extensionDir: string, hosts: string[]): Promise<Driven> => {
  const rules = [...hosts.map((h) => `MAP ${h} 127.0.0.1`), 'EXCLUDE 127.0.0.1', 'MAP * ~NOTFOUND'].join(', ')
  const browser = await puppeteer.launch({
    browser: 'chrome',
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    enableExtensions: true,
    acceptInsecureCerts: true,
    args: [...CHROMIUM_ARGS, `--host-resolver-rules=${rules}`, '--ignore-certificate-errors', '--window-size=1280,800'],
  })
  const id = await browser.installExtension(extensionDir)
  const origin = `chrome-extension://${id}`
  const openPage = async (url: string) => {
    const page = await browser.newPage()
    await page.setViewport({ width: 1280, height: 800 })
    await page.goto(url)
    return page
  }
  return {
    kind: 'chromium',
    browser,
    origin,
    openPage,
    openExtensionPage: (file) => openPage(`${origin}/${file}`),
    close: () => browser.close(),
  }
}

/**
 * @example
 * const b = await launch('firefox', buildExtension('firefox'), ['www.linkedin.com'])
 * const options = await b.openExtensionPage('options.html')
 */
export const launch = async (kind: BrowserKind, extensionDir: string, hosts: string[]): Promise<Driven> => {
  if (kind === 'chromium') return launchChromium(extensionDir, hosts)
  const ff = await launchFirefox(extensionDir)
  return {
    kind,
    browser: ff.browser,
    origin: ff.origin,
    openExtensionPage: ff.openExtensionPage,
    openPage: async (url) => {
      const page = await ff.browser.newPage()
      await page.setViewport({ width: 1280, height: 800 })
      await page.goto(url)
      return page
    },
    close: ff.close,
  }
}

/**
 * The page's visible text, open shadow roots included (the e2e build's overlay is one), whitespace folded.
 * @example expect(await deepText(page)).toContain('overdue by')
 */
export const deepText = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const parts: string[] = []
    const walk = (root: Node) => {
      for (const node of Array.from(root.childNodes)) {
        if (node.nodeType === 3) parts.push(node.textContent ?? '')
        else if (node.nodeType === 1) {
          const el = node as HTMLElement
          if (['SCRIPT', 'STYLE', 'TEMPLATE'].includes(el.tagName)) continue
          if (el.shadowRoot) walk(el.shadowRoot)
          walk(el)
          parts.push(' ')
        }
      }
    }
    walk(document.body)
    return parts.join('').replace(/\s+/g, ' ').trim()
  })

/**
 * The first element (open shadow roots included) matching `selector` whose text matches `text`, for a real
 * click or typing; throws when there is none.
 * @example await (await find(page, 'button', /^Log first touch$/)).click()
 */
export const find = async (page: Page, selector: string, text?: RegExp): Promise<ElementHandle<Element>> => {
  const handle = await page.evaluateHandle(
    (sel: string, source: string | null, flags: string) => {
      const re = source === null ? null : new RegExp(source, flags)
      const visit = (root: Document | ShadowRoot): Element | null => {
        for (const el of Array.from(root.querySelectorAll(sel)))
          if (!re || re.test((el.textContent ?? '').replace(/\s+/g, ' ').trim())) return el
        for (const host of Array.from(root.querySelectorAll('*'))) {
          const found = host.shadowRoot && visit(host.shadowRoot)
          if (found) return found
        }
        return null
      }
      return visit(document)
    },
    selector,
    text?.source ?? null,
    text?.flags ?? '',
  )
  const el = handle.asElement() as ElementHandle<Element> | null
  if (!el) throw new Error(`nothing matches ${selector}${text ? ` with text ${text}` : ''}`)
  return el
}

/**
 * The form control a `<label>` names (by its text), for typing into it.
 * @example await (await byLabel(page, /SQL threshold/)).type('90')
 */
export const byLabel = async (page: Page, text: RegExp): Promise<ElementHandle<Element>> => {
  const handle = await page.evaluateHandle(
    (source: string, flags: string) => {
      const re = new RegExp(source, flags)
      for (const label of Array.from(document.querySelectorAll('label'))) {
        if (!re.test((label.textContent ?? '').replace(/\s+/g, ' ').trim())) continue
        const target = label.htmlFor
          ? document.getElementById(label.htmlFor)
          : label.querySelector('input,select,textarea')
        if (target) return target
      }
      return null
    },
    text.source,
    text.flags,
  )
  const el = handle.asElement() as ElementHandle<Element> | null
  if (!el) throw new Error(`no control labelled ${text}`)
  return el
}

/** Replaces a text field's value as a person would: select all, then type. */
export const retype = async (el: ElementHandle<Element>, value: string) => {
  await el.click({ count: 3 })
  await el.type(value)
}

export { CHROMIUM, FIREFOX }
