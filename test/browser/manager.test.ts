/**
 * The managers' page in a real browser: Debian's Chromium loads the unpacked Chrome build signed in with a
 * manager's token; the worker runs locally. The manager opens the page from the popup, sees the team board (reps
 * only, one of them with an overdue lead), reassigns a lead that waits unassigned in the managers' queue to a rep,
 * sends the overdue lead back to a pool, sees the reports drawn as SVG charts, and exports a table as CSV.
 * Nothing leaves 127.0.0.1.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildExtension, chromiumAvailable, type LaunchedExtension, launchExtension } from './support/extension'
import { type LocalWorker, startWorker } from './support/worker'

/** The extension API inside `sw.evaluate` (runs in the service worker, not in node). */
declare const chrome: any

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots')
const run = chromiumAvailable('managers page')

describe.skipIf(!run)("managers' page in Chromium", () => {
  let worker: LocalWorker
  let ext: LaunchedExtension
  let page: Page
  let rep: { id: string; name: string }
  let ben: { id: string; name: string }
  let repToken: string
  let leadId: string
  let overdueId: string
  let overdueDueAt: string
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    const extensionDir = buildExtension()
    worker = await startWorker()
    ;({ rep } = await worker.api('/v1/admin/reps', {
      method: 'POST',
      json: { name: 'Ana Rep', email: 'ana@handoff-manager.com' },
    }))
    ;({ rep: ben } = await worker.api('/v1/admin/reps', {
      method: 'POST',
      json: { name: 'Ben Rep', email: 'ben@handoff-manager.com' },
    }))
    await worker.api('/v1/admin/pools', {
      method: 'POST',
      json: { name: 'Webinar team', members: [{ repId: rep.id }, { repId: ben.id }] },
    })
    const { rep: manager } = await worker.api('/v1/admin/reps', {
      method: 'POST',
      json: { name: 'Dana Manager', email: 'dana@handoff-manager.com', role: 'manager' },
    })
    // UK leads must be touched within a minute (so that one can go overdue during the test); the rest in an hour.
    await worker.api('/v1/admin/sla-policies', {
      method: 'POST',
      json: {
        name: 'UK one-minute',
        position: 0,
        match: { conditions: [{ op: 'in', field: 'company.country', values: ['GB'] }] },
        durationMinutes: 1,
        businessHours: false,
      },
    })
    await worker.api('/v1/admin/sla-policies', {
      method: 'POST',
      json: { name: 'Hot leads', position: 1, durationMinutes: 60, businessHours: false },
    })
    ;({ token: repToken } = await worker.api('/v1/admin/tokens', {
      method: 'POST',
      json: { role: 'rep', repId: rep.id, name: 'Ana (extension)' },
    }))
    const { token: managerToken } = await worker.api('/v1/admin/tokens', {
      method: 'POST',
      json: { role: 'manager', repId: manager.id, name: 'Dana (extension)' },
    })
    // No routing rule: a hot lead waits unassigned in the managers' queue.
    const { lead } = await worker.api('/v1/leads', {
      method: 'POST',
      json: {
        email: 'grace@cobol-manager.com',
        firstName: 'Grace',
        lastName: 'Hopper',
        title: 'VP Engineering',
        company: { name: 'Cobol Inc', employees: 500, country: 'US' },
        source: 'webinar',
      },
    })
    leadId = lead.id
    await worker.api('/v1/events', {
      method: 'POST',
      json: {
        events: [
          {
            id: 'mgr-demo-1',
            email: 'grace@cobol-manager.com',
            type: 'form_submit',
            occurredAt: new Date().toISOString(),
            properties: { form: 'demo_request' },
          },
        ],
      },
    })
    // A second hot lead, from the UK, given to Ana by hand: its one-minute clock runs out while the first tests
    // run; the overdue test then lets the cron record the breach.
    const { lead: alan } = await worker.api('/v1/leads', {
      method: 'POST',
      json: {
        email: 'alan@bletchley-manager.com',
        firstName: 'Alan',
        lastName: 'Turing',
        title: 'Head of Research',
        company: { name: 'Bletchley Ltd', employees: 200, country: 'GB' },
        source: 'webinar',
      },
    })
    overdueId = alan.id
    await worker.api('/v1/events', {
      method: 'POST',
      json: {
        events: [
          {
            id: 'mgr-demo-2',
            email: 'alan@bletchley-manager.com',
            type: 'form_submit',
            occurredAt: new Date().toISOString(),
            properties: { form: 'demo_request' },
          },
        ],
      },
    })
    const given = await worker.api(`/v1/leads/${overdueId}/reassign`, {
      method: 'POST',
      json: { repId: rep.id, reason: 'setup: Ana takes it' },
    })
    overdueDueAt = given.assignment.dueAt
    expect(given.assignment.dueAt).not.toBeNull()

    ext = await launchExtension({ extensionDir, hosts: [], httpsPort: 9 })
    await ext.sw.evaluate(([serverUrl, token]) => chrome.storage.local.set({ settings: { serverUrl, token } }), [
      worker.url,
      managerToken,
    ] as const)
    page = await ext.context.newPage()
  })

  afterAll(async () => {
    await ext?.close()
    await worker?.stop()
  })

  /** Waits out the UK lead's clock, then runs the cron tick: the breach is recorded, the lead is overdue. */
  const breachOverdueLead = async () => {
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(overdueDueAt) - Date.now()) + 1500))
    expect((await fetch(`${worker.url}/__scheduled?cron=*+*+*+*+*&time=${Date.now()}`)).ok).toBe(true)
    const { lead } = await worker.api(`/v1/leads/${overdueId}`)
    expect(lead.sla).toMatchObject({ policy: 'UK one-minute', state: 'breached' })
  }

  it('opens from the popup and shows the team board', { timeout: 150_000 }, async () => {
    await breachOverdueLead()
    await page.setViewportSize({ width: 400, height: 600 })
    await page.goto(`chrome-extension://${ext.extensionId}/popup.html`)
    const [tab] = await Promise.all([
      ext.context.waitForEvent('page'),
      page.getByRole('link', { name: 'Team board' }).click({ timeout: 15_000 }),
    ])
    await page.close()
    page = tab
    await page.setViewportSize({ width: 1280, height: 800 })
    expect(new URL(page.url()).pathname).toBe('/manager.html')
    const row = page.getByRole('row').filter({ hasText: 'Ana Rep' })
    await row.waitFor({ timeout: 15_000 })
    // Ana holds the overdue lead: open 1, overdue 1 (the columns after the rep's name).
    const cells = await row.getByRole('cell').allTextContents()
    expect(cells.slice(0, 3)).toEqual(['1', '0', '1'])
    // Rows are the people who take leads: Ben, but not Dana, the manager signed in.
    expect(await page.getByRole('row').filter({ hasText: 'Ben Rep' }).count()).toBe(1)
    expect(await page.getByRole('row').filter({ hasText: 'Dana Manager' }).count()).toBe(0)
    await shot('manager-board')
  })

  it('reassigns a lead waiting in the managers’ queue to a rep, with a reason', async () => {
    await page.getByRole('tab', { name: "Managers' queue" }).click()
    const item = page.getByRole('listitem').filter({ hasText: 'Grace Hopper' })
    await item.waitFor({ timeout: 15_000 })
    expect(await item.textContent()).toMatch(/unassigned/)
    await item.getByRole('button', { name: 'Reassign…' }).click()
    const form = page.getByRole('form', { name: 'Reassign Grace Hopper' })
    await form.getByLabel('Reassign to').selectOption({ label: 'Ana Rep' })
    await form.getByLabel('Reason').fill('Ana covers webinar leads this week')
    await shot('manager-reassign')
    await form.getByRole('button', { name: 'Reassign' }).click()
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 10_000 })
      .toBe('Reassigned Grace Hopper to Ana Rep')
    const brief = await worker.api(`/v1/leads/${leadId}`, { token: repToken })
    expect(brief.lead?.assignee?.name ?? brief.assignee?.name).toBe('Ana Rep')
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(0)
  })

  it('sends an overdue lead back to a pool, with a reason; the new owner and the journey show it', async () => {
    // From the board: Ana's overdue count opens the managers' queue, where her overdue lead waits as escalated.
    await page.getByRole('tab', { name: 'Team board' }).click()
    await page.getByRole('button', { name: "1 overdue for Ana Rep: open the managers' queue" }).click()
    expect(await page.getByRole('tab', { name: "Managers' queue" }).getAttribute('aria-selected')).toBe('true')
    const item = page.getByRole('listitem').filter({ hasText: 'Alan Turing' })
    await item.waitFor({ timeout: 15_000 })
    expect(await item.textContent()).toMatch(/escalated.*overdue \d+ s/)
    expect(await item.textContent()).toMatch(/with Ana Rep/)
    await item.getByRole('button', { name: 'Reassign…' }).click()
    const form = page.getByRole('form', { name: 'Reassign Alan Turing' })
    // The pools come from the worker, by name; Ana, who holds the lead, is not offered.
    const select = form.getByLabel('Reassign to')
    expect(await select.locator('option').allTextContents()).toEqual([
      'Choose a rep or a pool…',
      'Ben Rep',
      'Webinar team',
    ])
    await select.selectOption({ label: 'Webinar team' })
    await form.getByLabel('Reason').fill('Ana is in back-to-back demos today')
    await shot('manager-reassign-overdue')
    await form.getByRole('button', { name: 'Reassign' }).click()
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 10_000 })
      .toBe('Reassigned Alan Turing to Ben Rep')
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(0)
    await shot('manager-queue-after-reassign')

    // The pool's round robin skipped Ana: Ben has it, on a fresh clock.
    const { lead } = await worker.api(`/v1/leads/${overdueId}`)
    expect(lead.assignee).toMatchObject({ id: ben.id, name: 'Ben Rep' })
    expect(lead.sla.state).not.toBe('breached')
    const { entries } = await worker.api<{ entries: Array<{ summary: string }> }>(`/v1/leads/${overdueId}/journey`)
    const journey = entries.map((e) => e.summary).join('\n')
    expect(journey).toContain('Assigned to Ben Rep')
    expect(journey).toContain('Ana is in back-to-back demos today')
    expect(journey).toContain('Taken from Ana Rep (reassigned)')

    // The board follows: nothing overdue any more; Ben holds the lead.
    await page.getByRole('tab', { name: 'Team board' }).click()
    const benRow = page.getByRole('row').filter({ hasText: 'Ben Rep' })
    await expect
      .poll(async () => (await benRow.getByRole('cell').allTextContents()).slice(0, 3))
      .toEqual(['1', '0', '0'])
    expect(await page.getByRole('table').locator('caption').textContent()).toMatch(/0 overdue/)
  })

  it('draws the reports as SVG charts and exports a table as CSV', async () => {
    // Ana calls Grace: one touched lead for the speed-to-lead report.
    await worker.api(`/v1/leads/${leadId}/touch`, { method: 'POST', token: repToken, json: { channel: 'call' } })
    await page.getByRole('tab', { name: 'Reports' }).click()
    await page.getByTestId('speed-summary').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('speed-summary').textContent()).toMatch(/1 of 2 leads touched/) // Grace; Alan is still untouched
    const charts = page.getByTestId('chart')
    await expect.poll(() => charts.nth(0).locator('svg rect').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(await charts.nth(1).locator('svg circle').count()).toBeGreaterThan(0)
    expect(await page.getByRole('table', { name: 'Funnel by source' }).textContent()).toContain('webinar')
    await shot('manager-reports')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).nth(2).click(), // SLA compliance
    ])
    expect(download.suggestedFilename()).toBe('handoff-sla-compliance.csv')
    const csv = readFileSync((await download.path())!, 'utf8')
    expect(csv.split('\r\n')[0]).toBe('Rep,Clocks,Met,Breached,Reassigned,Compliance')
    expect(csv).toContain('Ana Rep')
  })
})
