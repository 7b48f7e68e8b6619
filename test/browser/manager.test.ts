/**
 * The managers' page in a real browser: Debian's Chromium loads the unpacked Chrome build signed in with a
 * manager's token; the worker runs locally. The manager opens the page from the popup, sees the team board,
 * reassigns a lead that waits unassigned in the managers' queue, sees the reports drawn as SVG charts, and
 * exports a table as CSV. Nothing leaves 127.0.0.1.
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
  let repToken: string
  let leadId: string
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    const extensionDir = buildExtension()
    worker = await startWorker()
    ;({ rep } = await worker.api('/v1/admin/reps', {
      method: 'POST',
      json: { name: 'Ana Rep', email: 'ana@handoff-manager.com' },
    }))
    const { rep: manager } = await worker.api('/v1/admin/reps', {
      method: 'POST',
      json: { name: 'Dana Manager', email: 'dana@handoff-manager.com', role: 'manager' },
    })
    await worker.api('/v1/admin/sla-policies', {
      method: 'POST',
      json: { name: 'Hot leads', position: 0, durationMinutes: 60, businessHours: false },
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

  it('opens from the popup and shows the team board', async () => {
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
    await shot('manager-board')
  })

  it('reassigns a lead waiting in the managers’ queue to a rep, with a reason', async () => {
    await page.getByRole('tab', { name: "Managers' queue" }).click()
    const item = page.getByRole('listitem').filter({ hasText: 'Grace Hopper' })
    await item.waitFor({ timeout: 15_000 })
    expect(await item.textContent()).toMatch(/unassigned/)
    await item.getByRole('button', { name: 'Reassign…' }).click()
    const form = page.getByRole('form', { name: 'Reassign Grace Hopper' })
    await form.getByLabel('Rep').selectOption({ label: 'Ana Rep' })
    await form.getByLabel('Reason').fill('Ana covers webinar leads this week')
    await shot('manager-reassign')
    await form.getByRole('button', { name: 'Reassign' }).click()
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 10_000 }).toBe('Reassigned Grace Hopper')
    const brief = await worker.api(`/v1/leads/${leadId}`, { token: repToken })
    expect(brief.lead?.assignee?.name ?? brief.assignee?.name).toBe('Ana Rep')
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(0)
  })

  it('draws the reports as SVG charts and exports a table as CSV', async () => {
    // Ana calls Grace: one touched lead for the speed-to-lead report.
    await worker.api(`/v1/leads/${leadId}/touch`, { method: 'POST', token: repToken, json: { channel: 'call' } })
    await page.getByRole('tab', { name: 'Reports' }).click()
    await page.getByTestId('speed-summary').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('speed-summary').textContent()).toMatch(/1 of 1 leads touched/)
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
