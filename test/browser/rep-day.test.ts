/**
 * A rep's day in Chromium, against a local worker: open a lead from the popup queue and log a call with a
 * note; mark a second lead won with an amount (from the overlay on its LinkedIn page) and a third lost with
 * a reason (from its lead page). After each step the badge, the popup's tab counts and the brief agree with
 * the server. Last, a long-overdue lead runs off the end of its escalation chain (the cron as of three days
 * later): it leaves the badge and the queue, and its journey says why. Screenshots go to
 * test-results/screenshots/rep-day-*.png.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildExtension, chromiumAvailable, type LaunchedExtension, launchExtension } from './support/extension'
import { type FixtureServer, startFixtureServer } from './support/fixture-server'
import { sleep } from './support/ports'
import { type LocalWorker, seedTeam, startWorker } from './support/worker'

/** The extension API inside `sw.evaluate` (runs in the service worker, not in node). */
declare const chrome: any

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots')
const DAY = 86_400_000

type Lead = { id: string; status: string; sla: { dueAt: string | null; state: string } }
type Queue = { leads: Lead[]; counts: { open: number; dueSoon: number; overdue: number } }

const badgeFor = (q: Queue) =>
  q.counts.overdue > 0 ? String(q.counts.overdue) : q.counts.dueSoon > 0 ? String(q.counts.dueSoon) : ''

const run = chromiumAvailable('rep-day')

describe.skipIf(!run)("a rep's day in Chromium", () => {
  let worker: LocalWorker
  let fixtures: FixtureServer
  let ext: LaunchedExtension
  let popup: Page
  let repToken = ''
  const ids: Record<string, string> = {}

  const queue = (view = 'to_contact') => worker.api<Queue>(`/v1/me/queue?view=${view}`, { token: repToken })
  const badge = () => ext.sw.evaluate(() => chrome.action.getBadgeText({}))
  /** Extension pages full length; a site's page as the rep sees it (the overlay is fixed to the viewport). */
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SHOTS, `rep-day-${name}.png`), fullPage: page.url().startsWith('chrome-') })
  const tabCounts = async () =>
    Object.fromEntries(
      await popup
        .locator('[data-testid^="count-"]')
        .evaluateAll((els) => els.map((el) => [el.getAttribute('data-testid')!.slice(6), el.textContent])),
    )

  /** Badge, popup tab counts and (when given) the brief on `page` say what the server says. */
  const agree = async (page?: Page, leadId?: string) => {
    const [toContact, followUp, closed] = await Promise.all([queue(), queue('follow_up'), queue('closed_today')])
    await expect.poll(badge, { timeout: 15_000 }).toBe(badgeFor(toContact))
    await expect.poll(tabCounts, { timeout: 15_000 }).toEqual({
      to_contact: String(toContact.counts.open),
      follow_up: String(followUp.leads.length),
      closed_today: String(closed.leads.length),
    })
    // The To contact list is the server's, lead for lead.
    await popup.getByRole('tab', { name: /^To contact/ }).click()
    await expect
      .poll(() => popup.locator('.queue-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-lead')).sort()))
      .toEqual(toContact.leads.map((l) => l.id).sort())
    if (page && leadId) {
      const { lead } = await worker.api<{ lead: Lead }>(`/v1/leads/${leadId}`, { token: repToken })
      const label = lead.status.charAt(0).toUpperCase() + lead.status.slice(1)
      await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 15_000 }).toBe(label)
      expect(await page.getByTestId('sla-clock').getAttribute('data-state')).toBe(lead.sla.state)
    }
    return { toContact, followUp, closed }
  }

  /** Opens a lead's page from the popup's To contact list. */
  const openFromPopup = async (leadId: string) => {
    await popup.getByRole('tab', { name: /^To contact/ }).click()
    const opened = ext.context.waitForEvent('page')
    await popup.locator(`[data-lead="${leadId}"]`).getByRole('button').click()
    const page = await opened
    await page.setViewportSize({ width: 900, height: 900 })
    await page.waitForLoadState()
    expect(page.url()).toBe(`chrome-extension://${ext.extensionId}/lead.html?id=${leadId}`)
    await page.getByTestId('lead-name').waitFor({ timeout: 15_000 })
    return page
  }

  const waitSent = (page: Page) => page.getByTestId('undo-bar').waitFor({ state: 'detached', timeout: 15_000 })

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    const extensionDir = buildExtension()
    ;[worker, fixtures] = await Promise.all([
      startWorker(),
      startFixtureServer(path.resolve(import.meta.dirname, 'fixtures'), (host, pathname) =>
        host === 'www.linkedin.com' && pathname.startsWith('/in/') ? 'linkedin.html' : null,
      ),
    ])
    const { rep } = await seedTeam(worker, { name: 'Sam Rep', email: 'sam@repday-e2e.com' })
    // The stale-lead lifecycle: a 1-minute clock, the rep told at the breach, recycled 3 days after it.
    await worker.api('/v1/admin/sla-policies', {
      method: 'POST',
      json: {
        name: 'Stale check',
        position: 0,
        match: { conditions: [{ op: 'equals', field: 'fields.sla', value: 'stale' }] },
        durationMinutes: 1,
        businessHours: false,
        escalation: [
          { action: 'alert', on: 'breach', afterMinutes: 0, to: ['rep'] },
          { action: 'recycle', on: 'breach', afterMinutes: 3 * 24 * 60 },
        ],
      },
    })
    await worker.api('/v1/admin/sla-policies', {
      method: 'POST',
      json: { name: 'Hot leads', position: 1, durationMinutes: 8 * 60, businessHours: false },
    })
    ;({ token: repToken } = await worker.api('/v1/admin/tokens', {
      method: 'POST',
      json: { role: 'rep', repId: rep.id, name: 'Sam (rep day)' },
    }))

    const leads = [
      { key: 'olga', first: 'Olga', last: 'Oldfield', fields: { sla: 'stale' } },
      { key: 'ada', first: 'Ada', last: 'Lovelace' },
      { key: 'grace', first: 'Grace', last: 'Hopper' },
      { key: 'alan', first: 'Alan', last: 'Turing' },
      { key: 'hedy', first: 'Hedy', last: 'Lamarr' },
    ]
    for (const l of leads) {
      const email = `${l.key}@repday-e2e.com`
      const { lead } = await worker.api('/v1/leads', {
        method: 'POST',
        json: {
          email,
          firstName: l.first,
          lastName: l.last,
          title: 'VP Engineering',
          phone: '+1 555 0100',
          linkedinUrl: `https://www.linkedin.com/in/${l.key}-repday-e2e/`,
          company: { name: `${l.last} Inc`, employees: 500, industry: 'Software', country: 'US' },
          message: `Hello from ${l.first}`,
          ...(l.fields ? { fields: l.fields } : {}),
        },
      })
      ids[l.key] = lead.id
      await worker.api('/v1/events', {
        method: 'POST',
        json: {
          events: [
            {
              id: `demo-${l.key}`,
              email,
              type: 'form_submit',
              occurredAt: new Date().toISOString(),
              properties: { form: 'demo_request' },
            },
          ],
        },
      })
    }
    expect((await queue()).counts.open).toBe(leads.length)

    ext = await launchExtension({ extensionDir, hosts: ['www.linkedin.com'], httpsPort: fixtures.port })
    await ext.sw.evaluate(
      ([serverUrl, token]) => chrome.storage.local.set({ settings: { serverUrl, token }, overlayExpanded: true }),
      [worker.url, repToken] as const,
    )
    popup = await ext.context.newPage()
    await popup.setViewportSize({ width: 400, height: 600 })
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`)
    await popup.locator('.queue-item').first().waitFor({ timeout: 15_000 })
  })

  afterAll(async () => {
    await ext?.close()
    await Promise.all([worker?.stop(), fixtures?.stop()])
  })

  it('starts with the five new leads: badge, tabs and queue agree', async () => {
    const { toContact } = await agree()
    expect(toContact.counts.open).toBe(5)
    await shot(popup, 'popup-start')
  })

  it('opens Ada from the popup queue and logs a call with a note', async () => {
    const page = await openFromPopup(ids.ada!)
    await page.getByLabel('Channel').selectOption('call')
    await page.getByLabel('Note').fill('Spoke 10 min: wants a demo for 12 seats on Tuesday')
    await page.getByRole('button', { name: 'Log first touch' }).click()
    expect(await page.getByTestId('undo-bar').textContent()).toMatch(/Call logged/)
    await shot(page, 'call-undo-window')
    await waitSent(page)
    await agree(page, ids.ada)
    expect(await page.getByTestId('sla-clock').textContent()).toBe('First touch done')
    expect(await page.getByRole('button', { name: 'Log touch' }).count()).toBe(1) // a later touch is one click away
    // The server has the call and its note.
    const { entries } = await worker.api<{ entries: Array<{ kind: string; summary: string; data: any }> }>(
      `/v1/leads/${ids.ada}/journey`,
    )
    expect(JSON.stringify(entries.filter((e) => e.kind === 'touch'))).toMatch(/wants a demo for 12 seats/)
    await shot(page, 'call-logged')
    // The overlay on Ada's LinkedIn page says the same.
    const profile = await ext.context.newPage()
    await profile.goto('https://www.linkedin.com/in/ada-repday-e2e/')
    await expect
      .poll(
        () =>
          profile
            .getByTestId('status')
            .textContent()
            .catch(() => null),
        { timeout: 15_000 },
      )
      .toBe('Contacted')
    expect(await profile.getByTestId('sla-clock').textContent()).toBe('First touch done')
    await profile.close()
    await page.close()
  })

  it('marks Grace won with an amount from the overlay on her LinkedIn page', async () => {
    const profile = await ext.context.newPage()
    await profile.goto('https://www.linkedin.com/in/grace-repday-e2e/')
    await expect
      .poll(
        () =>
          profile
            .getByTestId('lead-name')
            .textContent()
            .catch(() => null),
        { timeout: 15_000 },
      )
      .toBe('Grace Hopper')
    // The panel sits inside the viewport, clear of its edge and of the page's scrollbar.
    const box = (await profile.locator('.panel').boundingBox())!
    const width = (await profile.evaluate('document.documentElement.clientWidth')) as number
    expect(box.x + box.width).toBeLessThanOrEqual(width - 8)
    await shot(profile, 'overlay-before')
    await profile.getByLabel('Outcome').selectOption('won')
    await profile.getByLabel('Amount').fill('24000')
    await profile.getByRole('button', { name: 'Save' }).click()
    expect(await profile.getByTestId('status').textContent()).toBe('Won')
    await waitSent(profile)
    const { closed } = await agree(profile, ids.grace)
    expect(closed.leads.map((l) => l.id)).toContain(ids.grace)
    expect(await profile.getByTestId('sla-clock').textContent()).toBe('Clock stopped')
    await shot(profile, 'overlay-won')
    await profile.close()
  })

  it('marks Alan lost with a reason from the criteria on his lead page', async () => {
    const page = await openFromPopup(ids.alan!)
    await page.getByLabel('Outcome').selectOption('lost')
    const save = page.getByRole('button', { name: 'Save' })
    expect(await save.isDisabled()).toBe(true) // no reason yet
    await page.getByLabel('Reason').selectOption('chose competitor')
    await save.click()
    await waitSent(page)
    await agree(page, ids.alan)
    expect(await page.getByTestId('sla-clock').textContent()).toBe('Clock stopped')
    await shot(page, 'lost')
    // "Closed today" lists both closed leads with their outcome.
    await popup.getByRole('tab', { name: /^Closed today/ }).click()
    await popup.locator(`[data-lead="${ids.alan}"]`).waitFor({ timeout: 15_000 })
    expect(await popup.locator(`[data-lead="${ids.alan}"] .lead-standing`).textContent()).toMatch(/^Lost · /)
    expect(await popup.locator(`[data-lead="${ids.grace}"] .lead-standing`).textContent()).toMatch(/^Won · /)
    await shot(popup, 'popup-closed-today')
    await page.close()
  })

  it(
    'a long-overdue lead past the end of its escalation chain leaves the badge, and its journey says why',
    { timeout: 150_000 },
    async () => {
      // Olga's 1-minute clock runs out; the cron records the breach and tells the rep.
      const olga = (await queue()).leads.find((l) => l.id === ids.olga)!
      await sleep(Math.max(0, Date.parse(olga.sla.dueAt!) - Date.now()) + 1500)
      await fetch(`${worker.url}/__scheduled?cron=*+*+*+*+*&time=${Date.now()}`)
      await ext.sw.evaluate(() => chrome.alarms.create('handoff:poll', { when: Date.now() }))
      const before = await agree()
      expect(before.toContact.counts.overdue).toBe(1)
      expect(await badge()).toBe('1')
      await popup.getByRole('tab', { name: /^To contact/ }).click()
      expect(await popup.locator(`[data-lead="${ids.olga}"] [role="timer"]`).textContent()).toMatch(/^overdue by /)
      await shot(popup, 'popup-overdue')

      // Three days on, still untouched: the chain's last step recycles her.
      const later = Date.now() + 3 * DAY + 2 * 60_000
      const tick = await fetch(`${worker.url}/__scheduled?cron=*+*+*+*+*&time=${later}`)
      expect(tick.ok).toBe(true)
      await ext.sw.evaluate(() => chrome.alarms.create('handoff:poll', { when: Date.now() }))
      const after = await agree()
      expect(after.toContact.leads.map((l) => l.id)).not.toContain(ids.olga)
      expect(after.toContact.counts).toEqual({ open: before.toContact.counts.open - 1, overdue: 0, dueSoon: 0 })
      expect(await badge()).toBe('')
      expect(await popup.locator(`[data-lead="${ids.olga}"]`).count()).toBe(0)
      await shot(popup, 'popup-after-recycle')

      // The journey says what happened and why.
      const { entries } = await worker.api<{ entries: Array<{ kind: string; summary: string }> }>(
        `/v1/leads/${ids.olga}/journey`,
        { token: repToken },
      )
      const text = entries.map((e) => `${e.kind}: ${e.summary}`).join('\n')
      expect(text).toMatch(/No first touch 3 d after the Stale check SLA breach/)
      expect(text).toMatch(/recycled/i)
      // So does her brief, on the lead page: recycled, the clock stopped (never red), no actions left.
      const page = await ext.context.newPage()
      await page.setViewportSize({ width: 900, height: 900 })
      await page.goto(`chrome-extension://${ext.extensionId}/lead.html?id=${ids.olga}`)
      await expect
        .poll(
          () =>
            page
              .getByTestId('status')
              .textContent()
              .catch(() => null),
          { timeout: 15_000 },
        )
        .toBe('Recycled')
      expect(await page.getByTestId('sla-clock').textContent()).toBe('Clock stopped')
      expect(await page.getByTestId('clock-history').textContent()).toMatch(
        /Still untouched 3 d after the Stale check SLA breach: recycled, back to the managers' queue/,
      )
      expect(await page.getByRole('button', { name: /touch/i }).count()).toBe(0)
      await shot(page, 'recycled-lead')
      await page.close()
    },
  )

  it('tells a new rep where the token comes from, and says what to do when not set up or the server is down', async () => {
    const options = await ext.context.newPage()
    await options.setViewportSize({ width: 800, height: 700 })
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`)
    expect(await options.getByTestId('token-help').textContent()).toMatch(/console, under Tokens/)
    await shot(options, 'options')

    // A new install: nothing saved.
    await ext.sw.evaluate(() => chrome.storage.local.set({ settings: { serverUrl: '', token: '' } }))
    await options.reload()
    await options.getByTestId('not-set-up').waitFor({ timeout: 10_000 })
    await shot(options, 'options-not-set-up')
    await popup.reload()
    expect(await popup.getByRole('alert').textContent({ timeout: 10_000 })).toMatch(/not set up/)
    expect(await popup.getByRole('button', { name: 'Open the options' }).count()).toBe(1)
    await shot(popup, 'popup-not-set-up')
    const profile = await ext.context.newPage()
    await profile.goto('https://www.linkedin.com/in/hedy-repday-e2e/')
    await expect
      .poll(
        () =>
          profile
            .getByTestId('overlay')
            .getAttribute('data-state', { timeout: 1000 })
            .catch(() => null),
        {
          timeout: 15_000,
        },
      )
      .toBe('unconfigured')
    expect(await profile.getByTestId('overlay').textContent()).toMatch(
      /not set up: enter the server URL and your token/,
    )
    await shot(profile, 'overlay-not-set-up')

    // Set up again, then the server goes away.
    await ext.sw.evaluate(([serverUrl, token]) => chrome.storage.local.set({ settings: { serverUrl, token } }), [
      worker.url,
      repToken,
    ] as const)
    await worker.stop()
    const page = await ext.context.newPage()
    await page.setViewportSize({ width: 900, height: 500 })
    await page.goto(`chrome-extension://${ext.extensionId}/lead.html?id=${ids.hedy}`)
    await expect
      .poll(
        () =>
          page
            .getByRole('status')
            .textContent()
            .catch(() => null),
        { timeout: 20_000 },
      )
      .toMatch(/unreachable; retrying on its own/)
    expect(await page.getByRole('button', { name: 'Open the options' }).count()).toBe(1)
    await shot(page, 'lead-page-server-down')
    await popup.reload()
    await popup.getByRole('alert').waitFor({ timeout: 20_000 })
    await shot(popup, 'popup-server-down')
    await Promise.all([page.close(), profile.close(), options.close()])
  })
})
