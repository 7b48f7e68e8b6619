/**
 * The admin console in a real browser: Debian's Chromium loads the unpacked Chrome build, the worker runs
 * locally. An admin opens the console from the popup and creates a calendar, a rep, a pool, a territory routing
 * rule and an SLA policy through its forms; a lead posted through the API then routes to the new rep under the
 * new policy. Along the way: a worker 422 lands on its field, a token is shown once, a channel test is sent.
 * Last, the admin lowers the SQL threshold in the criteria editor's tab, reads in the save dialog that an open
 * lead would be handed off, saves for new activity only, and that lead stays where it was.
 * Nothing leaves 127.0.0.1.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildExtension, chromiumAvailable, type LaunchedExtension, launchExtension } from './support/extension'
import { type LocalWorker, startWorker } from './support/worker'

/** The extension API inside `sw.evaluate` (runs in the service worker, not in node). */
declare const chrome: any
/** The page's DOM inside `page.evaluate` (this project's node tsconfig has no DOM types). */
declare const document: any
declare const getComputedStyle: (e: any) => { fontSize: string }

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots')

type Brief = {
  id: string
  status: string
  assignee: { id: string; name: string } | null
  sla: { policy: string | null; state: string }
  score: { total: number; criteriaVersion?: number | null }
}
type Version = { version: number; note: string | null; document: { thresholds: { mql: number; sql: number } } }

const run = chromiumAvailable('admin console')

describe.skipIf(!run)('admin console in Chromium', () => {
  let worker: LocalWorker
  let ext: LaunchedExtension
  let page: Page

  /** What the admin sees in the 1280×800 tab; also checks that no visible text is under 13px. */
  const shot = async (name: string) => {
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim() !== ''))
        .filter((e) => e.offsetParent !== null && parseFloat(getComputedStyle(e).fontSize) < 13)
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}.${e.className} ${getComputedStyle(e).fontSize}: ${e.textContent!.slice(0, 30)}`,
        ),
    )
    expect(small, name).toEqual([])
  }
  /** The form control at a draft path (`schedule.mon.0.start` → `#f-schedule-mon-0-start`). */
  const f = (p: string) => page.locator(`#f-${p.replaceAll('.', '-')}`)
  const form = () => page.locator('form.item-form')
  const status = () => page.locator('.console-page > p.status')
  const go = async (menu: string, heading: string) => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: menu }).click()
    await page.getByRole('heading', { level: 2, name: heading }).waitFor()
  }
  const create = async (noun: string, expected: string) => {
    await form()
      .getByRole('button', { name: `Create ${noun}` })
      .click()
    await expect.poll(() => status().textContent(), { timeout: 10_000 }).toBe(`Created '${expected}'.`)
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    const extensionDir = buildExtension()
    worker = await startWorker()
    ext = await launchExtension({ extensionDir, hosts: [], httpsPort: 9 })
    await ext.sw.evaluate(([serverUrl, token]) => chrome.storage.local.set({ settings: { serverUrl, token } }), [
      worker.url,
      worker.adminToken,
    ] as const)
    page = await ext.context.newPage()
  })

  afterAll(async () => {
    await ext?.close()
    await worker?.stop()
  })

  it('opens from the admin popup', async () => {
    await page.setViewportSize({ width: 400, height: 600 })
    await page.goto(`chrome-extension://${ext.extensionId}/popup.html`)
    await page.getByRole('heading', { name: /Criteria/ }).waitFor({ timeout: 15_000 })
    const [tab] = await Promise.all([
      ext.context.waitForEvent('page'),
      page.getByRole('link', { name: 'Admin console' }).click(),
    ])
    await page.screenshot({ path: path.join(SHOTS, 'console-popup-link.png') })
    expect(new URL(tab.url()).pathname).toBe('/console.html')
    await page.close()
    page = tab
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.getByRole('heading', { level: 2, name: 'Reps' }).waitFor({ timeout: 15_000 })
    await page.getByText('No reps yet.').waitFor()
    await shot('console-empty')
  })

  it('creates a calendar, a rep, a pool, a routing rule and an SLA policy; a lead routes to the new rep', async () => {
    // A calendar with a lunch break and a holiday.
    await go('Calendars', 'Calendars')
    await page.getByRole('button', { name: 'New calendar' }).click()
    await f('name').fill('Berlin office')
    await f('timeZone').fill('Europe/Berlin')
    await f('schedule.mon.0.end').fill('12:00')
    await page.getByRole('button', { name: 'Add hours on Monday' }).click()
    await f('schedule.mon.1.end').fill('17:30')
    await page.getByRole('button', { name: "Copy Monday's hours to Tue–Fri" }).click()
    await page.getByRole('button', { name: '+ holiday' }).click()
    await f('holidays.0').fill('2026-12-25')
    await shot('console-calendar-form')
    await create('calendar', 'Berlin office')
    await page.getByText('Mon–Fri 09:00–12:00, 13:00–17:30').waitFor()

    // A rep on that calendar; a bad email is caught inline before anything is sent.
    await go('Reps', 'Reps')
    await page.getByRole('button', { name: 'New rep' }).click()
    await f('name').fill('Greta Console')
    await f('email').fill('greta@')
    await form().getByRole('button', { name: 'Create rep' }).click()
    await expect.poll(() => page.locator('#f-email-error').textContent()).toMatch(/email/i)
    await shot('console-rep-invalid')
    await f('email').fill('greta@console-e2e.com')
    await f('timeZone').fill('Europe/Berlin')
    await f('calendarId').selectOption({ label: 'Berlin office' })
    await f('capacity').fill('8')
    await f('weight').fill('2')
    await f('crmOwnerIds').fill('hubspot:4242')
    await f('crmOwnerIds').press('Tab')
    await create('rep', 'Greta Console')
    await shot('console-reps')

    // A pool with her in it.
    await go('Pools', 'Pools')
    await page.getByRole('button', { name: 'New pool' }).click()
    await f('name').fill('DACH team')
    await page.getByRole('button', { name: '+ member' }).click()
    await expect.poll(() => f('members.0.repId').locator('option:checked').textContent()).toBe('Greta Console')
    await create('pool', 'DACH team')

    // A territory rule: German-speaking countries go to the pool.
    await go('Routing rules', 'Routing rules')
    await page.getByRole('button', { name: 'New routing rule' }).click()
    await f('name').fill('DACH')
    await f('poolId').selectOption({ label: 'DACH team' })
    await page.getByRole('button', { name: '+ condition' }).click()
    await f('conditions.0.values').fill('DE, AT, CH')
    await f('conditions.0.values').press('Tab')
    await shot('console-rule-form')
    await create('routing rule', 'DACH')
    await page.getByText('company.country is one of DE, AT, CH').waitFor()

    // An SLA policy for hot leads with an escalation chain.
    await go('SLA policies', 'SLA policies')
    await page.getByRole('button', { name: 'New SLA policy' }).click()
    await f('name').fill('Hot DACH')
    await f('position').fill('0')
    await f('durationMinutes').fill('15')
    await f('businessHours').uncheck()
    await f('match.hot').selectOption('yes')
    await page.getByRole('button', { name: '+ escalation step' }).click()
    await page.getByRole('button', { name: '+ escalation step' }).click()
    await f('escalation.1.action').selectOption('reassign')
    await f('escalation.1.afterMinutes').fill('30')
    await shot('console-sla-form')
    await create('SLA policy', 'Hot DACH')
    await shot('console-sla')

    // The worker holds what the console made.
    const { reps } = await worker.api<{ reps: Array<{ id: string; name: string; capacity: number; weight: number }> }>(
      '/v1/admin/reps',
    )
    const greta = reps.find((r) => r.name === 'Greta Console')!
    expect(greta).toMatchObject({ capacity: 8, weight: 2, crmOwnerIds: ['hubspot:4242'] })

    // A lead from Germany with a demo request: hot, routed by the new rule to the new rep, clocked by the new policy.
    await worker.api('/v1/leads', {
      method: 'POST',
      json: {
        email: 'lena@berlin-e2e.de',
        firstName: 'Lena',
        lastName: 'Koch',
        title: 'VP Sales',
        company: { name: 'Koch GmbH', employees: 300, country: 'DE' },
      },
    })
    await worker.api('/v1/events', {
      method: 'POST',
      json: {
        events: [
          {
            id: 'console-demo-1',
            email: 'lena@berlin-e2e.de',
            type: 'form_submit',
            occurredAt: new Date().toISOString(),
            properties: { form: 'demo_request' },
          },
        ],
      },
    })
    const { lead } = await worker.api<{ lead: Brief }>('/v1/leads/lookup?email=lena@berlin-e2e.de')
    expect(lead.assignee).toMatchObject({ id: greta.id, name: 'Greta Console' })
    expect(lead.sla).toMatchObject({ policy: 'Hot DACH', state: 'running' })
  })

  it("puts the worker's 422 on its field, and shows a new token once", async () => {
    await go('Tokens', 'Tokens')
    await page.getByRole('button', { name: 'New token' }).click()
    await f('name').fill("Greta's laptop")
    await f('repId').selectOption({ label: 'Greta Console' })
    // Only the worker knows the clock: an expiry in the past comes back as a 422 on `expiresAt`.
    await f('expiresAt').fill('2020-01-01T09:00')
    await form().getByRole('button', { name: 'Create token' }).click()
    await expect.poll(() => page.locator('#f-expiresAt-error').textContent()).toBe('Must be in the future')
    await shot('console-token-422')
    await f('expiresAt').fill('')
    await form().getByRole('button', { name: 'Create token' }).click()
    const reveal = page.getByRole('region', { name: "Token 'Greta's laptop' issued" })
    await reveal.waitFor()
    const token = await reveal.getByLabel('Token', { exact: true }).inputValue()
    expect(token).toMatch(/^hk_rep_/)
    await shot('console-token-shown-once')
    // The token works for Greta.
    const me = await worker.api<{ role: string; rep: { name: string } }>('/v1/me', { token })
    expect(me).toMatchObject({ role: 'rep', rep: { name: 'Greta Console' } })
    await reveal.getByRole('button', { name: 'I have copied it' }).click()
    expect(await page.getByText(token).count()).toBe(0)
    await page.getByText('Never').first().waitFor()
    await shot('console-tokens')
  })

  it('sends a test through an alert channel', async () => {
    await go('Alert channels', 'Alert channels')
    await page.getByRole('button', { name: 'New channel' }).click()
    await f('name').fill('Demo log')
    await f('kind').selectOption('log')
    await create('channel', 'Demo log')
    await page.getByRole('button', { name: "Send a test alert to 'Demo log'" }).click()
    await page.getByText('Test delivered').waitFor({ timeout: 10_000 })
    await shot('console-channels')
  })

  it('creates an intake source and shows its generated secret once', async () => {
    await go('Intake sources', 'Intake sources')
    await page.getByRole('button', { name: 'New source' }).click()
    await f('kind').selectOption('typeform')
    await f('name').fill('Demo request form')
    await form().getByRole('button', { name: 'Create source' }).click()
    const reveal = page.getByRole('region', { name: "Source 'Demo request form' created" })
    await reveal.waitFor({ timeout: 10_000 })
    expect(await reveal.getByLabel('Secret', { exact: true }).inputValue()).not.toBe('')
    await shot('console-source-created')
  })

  it('saves a criteria change for new activity only: the dialog says what it would hand off, and nothing is', async () => {
    const before = await worker.api<Version>('/v1/admin/criteria')
    // A good fit from Germany with no engagement: an MQL under the SQL bar, unassigned, no clock.
    const { lead } = await worker.api<{ lead: Brief }>('/v1/leads', {
      method: 'POST',
      json: {
        email: 'nora@fit-e2e.de',
        firstName: 'Nora',
        lastName: 'Fit',
        title: 'VP Marketing',
        company: { name: 'Fit GmbH', domain: 'fit-e2e.de', industry: 'Software', employees: 500, country: 'DE' },
      },
    })
    expect(lead).toMatchObject({ status: 'mql', assignee: null })
    expect(lead.score.total).toBeLessThan(before.document.thresholds.sql)
    // The worker's impact of the draft, which the dialog must put in words: Nora would be handed off.
    const draft = { ...before.document, thresholds: { ...before.document.thresholds, sql: lead.score.total } }
    const { impact } = await worker.api<{ impact: { handOffs: number; leadIds: string[] } }>(
      '/v1/admin/criteria/impact',
      { method: 'POST', json: { document: draft } },
    )
    expect(impact).toMatchObject({ handOffs: 1, leadIds: [lead.id] })

    const editor = await ext.context.newPage()
    await editor.setViewportSize({ width: 1280, height: 800 })
    await editor.goto(`chrome-extension://${ext.extensionId}/editor.html`)
    await editor.getByRole('heading', { name: /Criteria/ }).waitFor({ timeout: 15_000 })
    await editor.getByLabel('SQL threshold').fill(String(lead.score.total))
    await editor.getByRole('button', { name: 'Save…' }).click()
    const dialog = editor.getByRole('dialog')
    // What a save over the open leads would do, before anything is done: Nora would be handed off now.
    await expect.poll(() => dialog.textContent(), { timeout: 10_000 }).toMatch(/1 open lead (will|would) be handed off/)
    await dialog.getByLabel(/new activity only/i).check()
    await dialog.getByLabel(/Note/).fill('E2E: lower the bar for new activity only')
    await editor.screenshot({ path: path.join(SHOTS, 'console-criteria-new-activity-only.png') })
    await dialog.getByRole('button', { name: 'Save version' }).click()
    await expect
      .poll(() => editor.getByRole('status').first().textContent(), { timeout: 10_000 })
      .toContain(`Saved as version ${before.version + 1}`)
    // No rescoring job runs: nothing says open leads are being rescored.
    expect(await editor.getByText(/Rescoring/).count()).toBe(0)
    await editor.screenshot({ path: path.join(SHOTS, 'console-criteria-saved.png') })
    // Restoring the old version asks the same question, with the impact of the old document: Nora is under its bar.
    await editor.getByRole('button', { name: `Restore v${before.version}` }).click()
    const confirm = editor.getByRole('group', { name: `Restore version ${before.version}?` })
    await expect.poll(() => confirm.textContent(), { timeout: 10_000 }).toMatch(/No open lead changes hands/)
    expect(await confirm.getByLabel('Apply to open leads now').isChecked()).toBe(true)
    await editor.screenshot({ path: path.join(SHOTS, 'console-criteria-restore.png') })
    await confirm.getByRole('button', { name: 'Cancel' }).click()

    const current = await worker.api<Version>('/v1/admin/criteria')
    expect(current).toMatchObject({ version: before.version + 1, document: { thresholds: { sql: lead.score.total } } })
    // Nora is where she was: an MQL on the old version, nobody's lead, no clock, no assignment in her journey.
    const { lead: after } = await worker.api<{ lead: Brief }>(`/v1/leads/${lead.id}`)
    expect(after).toMatchObject({ status: 'mql', assignee: null, sla: { state: 'none' } })
    expect(after.score.criteriaVersion).toBe(before.version)
    const { entries } = await worker.api<{ entries: Array<{ summary: string }> }>(`/v1/leads/${lead.id}/journey`)
    expect(entries.map((e) => e.summary).join('\n')).not.toMatch(/Assigned to/)
    await editor.close()
  })
})
