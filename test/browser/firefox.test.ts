/**
 * The rep's part of the journey in Firefox: Debian's firefox-esr with the Firefox MV3 build installed as a
 * temporary add-on, connected through its own options page to a local worker on a port (the pattern it asks
 * for carries no port, or Firefox refuses it), the brief beside a LinkedIn and a Salesforce fixture page,
 * the badge, a breach found by the cron, and a first touch logged from the overlay. Nothing leaves 127.0.0.1.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildExtension } from './support/extension'
import { firefoxAvailable, type LaunchedFirefox, launchFirefox } from './support/firefox'
import { type FixtureServer, startFixtureServer } from './support/fixture-server'
import { sleep } from './support/ports'
import { type LocalWorker, seedTeam, startWorker } from './support/worker'

/** The extension API inside `page.evaluate` on an add-on page (runs in Firefox, not in node). */
declare const browser: any

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots')
const SF_LEAD = '00Q5e00000FfXyZEAV'
const PAGES = {
  linkedin: 'https://www.linkedin.com/in/ada-lovelace-firefox/',
  salesforce: `https://acme.lightning.force.com/lightning/r/Lead/${SF_LEAD}/view`,
}
const route = (host: string, pathname: string) => {
  if (host === 'www.linkedin.com' && pathname.startsWith('/in/')) return 'linkedin.html'
  if (host === 'acme.lightning.force.com' && pathname.startsWith('/lightning/r/')) return 'salesforce.html'
  return null
}

type Queue = {
  leads: Array<{ id: string; sla: { dueAt: string | null } }>
  counts: { open: number; dueSoon: number; overdue: number }
}

const run = firefoxAvailable('journey')

describe.skipIf(!run)('extension in Firefox', () => {
  let worker: LocalWorker
  let fixtures: FixtureServer
  let ff: LaunchedFirefox
  let page: Page
  /** An add-on page kept open to read the badge and storage from. */
  let addon: Page
  let repToken: string
  let leadId: string

  const shot = (p: Page, name: string) => p.screenshot({ path: path.join(SHOTS, `firefox-${name}.png`) })
  const queue = () => worker.api<Queue>('/v1/me/queue', { token: repToken })
  const badge = () => addon.evaluate(() => browser.action.getBadgeText({}))
  /** Text of the first element in the overlay's shadow root matching `selector`, or null. */
  const overlayText = (selector: string) => page.$eval(`pierce/${selector}`, (el) => el.textContent).catch(() => null)
  const clickButton = async (name: string) => {
    const buttons = await page.$$('pierce/button')
    for (const b of buttons) if ((await b.evaluate((el) => el.textContent?.trim())) === name) return b.click()
    throw new Error(`no button "${name}" in the overlay`)
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    const extensionDir = buildExtension('firefox')
    // Firefox can send every name to 127.0.0.1 but cannot change the port: the fixtures answer on 443.
    ;[worker, fixtures] = await Promise.all([
      startWorker(),
      startFixtureServer(path.resolve(import.meta.dirname, 'fixtures'), route, 443),
    ])
    const { rep } = await seedTeam(worker, { name: 'Fran Rep', email: 'fran@handoff-firefox.com' })
    await worker.api('/v1/admin/sla-policies', {
      method: 'POST',
      json: { name: 'One minute', position: 0, durationMinutes: 1, businessHours: false, warnings: [0.5] },
    })
    ;({ token: repToken } = await worker.api('/v1/admin/tokens', {
      method: 'POST',
      json: { role: 'rep', repId: rep.id, name: 'Fran (Firefox)' },
    }))
    ff = await launchFirefox(extensionDir)
  })

  afterAll(async () => {
    await ff?.close()
    await Promise.all([worker?.stop(), fixtures?.stop()])
  })

  it('connects through the options page to a server URL with a port', async () => {
    const options = await ff.openExtensionPage('options.html')
    await options.type('#server', worker.url)
    await options.type('#token', repToken)
    await options.click('button[type="submit"]')
    await options.waitForSelector('[data-testid="connection-status"]', { timeout: 15_000 })
    await expect
      .poll(() => options.$eval('[data-testid="connection-status"]', (el) => el.textContent), { timeout: 15_000 })
      .toBe('Connected as Fran (Firefox) (rep).')
    expect(await options.evaluate(() => browser.permissions.contains({ origins: ['http://127.0.0.1/*'] }))).toBe(true)
    await shot(options, 'options')
    // Open the brief rather than its pill, as a rep who expanded it once would see it.
    await options.evaluate(() => browser.storage.local.set({ overlayExpanded: true }))
    addon = options
  })

  it('shows the brief beside LinkedIn and Salesforce with a running countdown, and counts it on the badge', async () => {
    const { lead } = await worker.api('/v1/leads', {
      method: 'POST',
      json: {
        email: 'ada@analytical-firefox.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
        title: 'VP Engineering',
        company: { name: 'Analytical Engines', employees: 500, country: 'US' },
        linkedinUrl: PAGES.linkedin,
        crmRefs: [{ system: 'salesforce', id: SF_LEAD }],
      },
    })
    leadId = lead.id
    await worker.api('/v1/events', {
      method: 'POST',
      json: {
        events: [
          {
            id: 'ff-demo-1',
            email: 'ada@analytical-firefox.com',
            type: 'form_submit',
            occurredAt: new Date().toISOString(),
            properties: { form: 'demo_request' },
          },
        ],
      },
    })
    const q = await queue()
    expect(q.leads.map((l) => l.id)).toEqual([leadId])

    page = await ff.browser.newPage()
    await page.setViewport({ width: 1280, height: 800 })
    for (const url of [PAGES.linkedin, PAGES.salesforce]) {
      await page.goto(url)
      await expect.poll(() => overlayText('[data-testid="lead-name"]'), { timeout: 20_000 }).toBe('Ada Lovelace')
      await shot(page, url.includes('linkedin') ? 'linkedin' : 'salesforce')
    }
    const before = await overlayText('[data-testid="sla-clock"]')
    await sleep(2100)
    const after = await overlayText('[data-testid="sla-clock"]')
    expect(before).toMatch(/left$/)
    expect(after).toMatch(/left$/)
    expect(after).not.toBe(before)
    // The badge counts it as due soon once half the minute has gone (the background's recount alarm).
    await sleep(Math.max(0, Date.parse(q.leads[0]!.sla.dueAt!) - 30_000 - Date.now()) + 500)
    await expect.poll(badge, { timeout: 70_000, interval: 1_000 }).toBe('1')
  })

  it(
    'turns overdue after the cron finds the breach, and a touch from the overlay clears it',
    { timeout: 150_000 },
    async () => {
      const q0 = await queue()
      await sleep(Math.max(0, Date.parse(q0.leads[0]!.sla.dueAt!) - Date.now()) + 1500)
      const tick: any = await (await fetch(`${worker.url}/__scheduled?cron=*+*+*+*+*&time=${Date.now()}`)).json()
      expect(tick.ran).toBe(true)
      expect((await queue()).counts.overdue).toBe(1)
      await expect
        .poll(() => addon.evaluate(() => browser.action.getTitle({})), { timeout: 70_000, interval: 1_000 })
        .toMatch(/1 lead overdue/)
      expect(await badge()).toBe('1')

      await page.goto(PAGES.linkedin)
      await expect.poll(() => overlayText('[data-testid="sla-clock"]'), { timeout: 20_000 }).toMatch(/^overdue by /)
      await shot(page, 'overdue')

      await page.select('pierce/select[aria-label="Channel"]', 'call')
      await clickButton('Log first touch')
      await expect.poll(() => overlayText('[data-testid="sla-clock"]'), { timeout: 2_000 }).toBe('First touch done')
      // The undo window passes, then the background sends the touch.
      await expect.poll(() => queue().then((q) => q.counts.overdue), { timeout: 20_000, interval: 500 }).toBe(0)
      await expect.poll(badge, { timeout: 10_000 }).toBe('')
      await shot(page, 'after-touch')
    },
  )
})
