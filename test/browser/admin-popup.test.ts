/**
 * The admin popup in a real browser: Debian's Chromium loads the unpacked Chrome build, the worker runs
 * locally. An admin lowers the SQL threshold in the popup, sees the preview change, saves with a note,
 * and a lead's score and status follow the new version; a rep token never sees the editor and the worker
 * refuses its PUT with 403. Nothing leaves 127.0.0.1.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildExtension, chromiumAvailable, type LaunchedExtension, launchExtension } from './support/extension'
import { type FixtureServer, startFixtureServer } from './support/fixture-server'
import { type LocalWorker, seedTeam, startWorker } from './support/worker'

/** The extension API inside `sw.evaluate` (runs in the service worker, not in node). */
declare const chrome: any

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots')

type Version = { version: number; note: string | null; document: { thresholds: { mql: number; sql: number } } }
type Brief = { id: string; status: string; score: { total: number; criteriaVersion?: number | null } }

const PROFILE = 'https://www.linkedin.com/in/morgan-fit-admin-e2e/'

const run = chromiumAvailable('admin popup')

describe.skipIf(!run)('admin popup in Chromium', () => {
  let worker: LocalWorker
  let fixtures: FixtureServer
  let ext: LaunchedExtension
  let page: Page
  let repToken: string
  let lead: Brief
  let before: Version

  // What the admin sees in the 400×600 popup (not the whole scrolled page).
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
  const configure = (token: string) =>
    ext.sw.evaluate(([serverUrl, t]) => chrome.storage.local.set({ settings: { serverUrl, token: t } }), [
      worker.url,
      token,
    ] as const)
  const openPopup = async () => {
    await page.goto(`chrome-extension://${ext.extensionId}/popup.html`)
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    const extensionDir = buildExtension()
    ;[worker, fixtures] = await Promise.all([
      startWorker(),
      startFixtureServer(path.resolve(import.meta.dirname, 'fixtures'), (host, pathname) =>
        host === 'www.linkedin.com' && pathname.startsWith('/in/') ? 'linkedin.html' : null,
      ),
    ])

    const { rep } = await seedTeam(worker, { name: 'Rita Rep', email: 'rita@admin-e2e.com' })
    ;({ token: repToken } = await worker.api('/v1/admin/tokens', {
      method: 'POST',
      json: { role: 'rep', repId: rep.id, name: 'Rita (extension)' },
    }))

    before = await worker.api<Version>('/v1/admin/criteria')
    // A good fit with no engagement: between the MQL and SQL thresholds of the default criteria.
    ;({ lead } = await worker.api<{ lead: Brief }>('/v1/leads', {
      method: 'POST',
      json: {
        email: 'morgan@fitco-e2e.com',
        firstName: 'Morgan',
        lastName: 'Fit',
        linkedinUrl: PROFILE,
        title: 'VP Marketing',
        company: { name: 'FitCo', domain: 'fitco-e2e.com', industry: 'Software', employees: 500, country: 'US' },
      },
    }))
    expect(lead.score.total).toBeGreaterThanOrEqual(before.document.thresholds.mql)
    expect(lead.score.total).toBeLessThan(before.document.thresholds.sql)
    expect(lead.status).toBe('mql')
    // Two more like it whose outcome is known: the preview tells how such leads fared.
    for (const [who, outcome] of [
      ['wendy', { outcome: 'won', amount: 12000 }],
      ['larry', { outcome: 'disqualified', reason: 'no budget' }],
    ] as const) {
      const { lead: other } = await worker.api<{ lead: Brief }>('/v1/leads', {
        method: 'POST',
        json: {
          email: `${who}@fitco-e2e.com`,
          firstName: who,
          title: 'VP Marketing',
          company: { name: 'FitCo', domain: 'fitco-e2e.com', industry: 'Software', employees: 500, country: 'US' },
        },
      })
      await worker.api(`/v1/leads/${other.id}/disposition`, { method: 'POST', json: outcome })
    }

    ext = await launchExtension({ extensionDir, hosts: ['www.linkedin.com'], httpsPort: fixtures.port })
    page = await ext.context.newPage()
    await page.setViewportSize({ width: 400, height: 600 })
  })

  afterAll(async () => {
    await ext?.close()
    await Promise.all([worker?.stop(), fixtures?.stop()])
  })

  it('an admin lowers the SQL threshold, sees the preview move, saves with a note, and the lead follows', async () => {
    await configure(worker.adminToken)
    await openPopup()
    await page.getByRole('heading', { name: /Criteria/ }).waitFor({ timeout: 15_000 })
    const sqlCurrent = page.getByTestId('preview-sql-current')
    const sqlDraft = page.getByTestId('preview-sql-draft')
    await sqlDraft.waitFor({ timeout: 15_000 })
    const initial = Number(await sqlCurrent.textContent())
    expect(Number(await sqlDraft.textContent())).toBe(initial)
    await shot('admin-popup-loaded')

    const newSql = lead.score.total
    await page.getByLabel('SQL threshold').fill(String(newSql))
    await expect.poll(async () => Number(await sqlDraft.textContent()), { timeout: 10_000 }).toBeGreaterThan(initial)
    // The preview ran in the Web Worker, off the popup's main thread.
    expect(await page.locator('section.preview').getAttribute('data-where')).toBe('worker')
    await expect
      .poll(() => page.getByTestId('preview-summary').textContent())
      .toMatch(
        /^Of 3 leads that would newly qualify, (1 was won and 1 was disqualified as 'no budget'|1 was disqualified as 'no budget' and 1 was won)\./,
      )
    await shot('admin-popup-preview')

    await page.getByRole('button', { name: 'Save…' }).click()
    await page.getByLabel(/Note/).fill('E2E: lower the hand-off bar')
    await shot('admin-popup-save-dialog')
    await page.getByRole('button', { name: 'Save version' }).click()
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 10_000 })
      .toBe(`Saved as version ${before.version + 1}.`)
    // The saved version is the new baseline: the preview shows no difference any more.
    await expect
      .poll(
        async () =>
          (await sqlCurrent.textContent()) === (await sqlDraft.textContent()) &&
          (await page.locator('section.preview').getAttribute('aria-busy')) === 'false',
        { timeout: 10_000 },
      )
      .toBe(true)
    expect(Number(await sqlCurrent.textContent())).toBeGreaterThan(initial)
    await shot('admin-popup-saved')

    const current = await worker.api<Version>('/v1/admin/criteria')
    expect(current).toMatchObject({
      version: before.version + 1,
      note: 'E2E: lower the hand-off bar',
      document: { thresholds: { sql: newSql } },
    })
    const { lead: after } = await worker.api<{ lead: Brief }>(`/v1/leads/${lead.id}`)
    expect(after.score.criteriaVersion).toBe(current.version)
    expect(after.status).not.toBe('mql')
    expect(['sql', 'assigned']).toContain(after.status)

    // The lead's overlay on its LinkedIn page shows it handed off under the new version.
    await ext.sw.evaluate(() => chrome.storage.local.set({ overlayExpanded: true }))
    const profile = await ext.context.newPage()
    await profile.goto(PROFILE)
    await expect
      .poll(
        () =>
          profile
            .getByTestId('lead-name')
            .textContent({ timeout: 500 })
            .catch(() => null),
        { timeout: 15_000 },
      )
      .toBe('Morgan Fit')
    expect(await profile.getByTestId('status').textContent()).not.toMatch(/MQL/i)
    expect(await profile.getByTestId('assignee').textContent()).toContain('Rita Rep')
    await profile.screenshot({ path: path.join(SHOTS, 'admin-lead-overlay-after-save.png') })
    await profile.close()

    // The history lists the new version with its note and diff.
    await page.getByText('E2E: lower the hand-off bar').first().waitFor()
    await expect
      .poll(() => page.getByText(`SQL threshold ${before.document.thresholds.sql} → ${newSql}`).count())
      .toBeGreaterThan(0)
  })

  it('the editor opens full size in a tab', async () => {
    const [tab] = await Promise.all([
      ext.context.waitForEvent('page'),
      page.getByRole('link', { name: 'Open in tab' }).click(),
    ])
    await tab.setViewportSize({ width: 1280, height: 800 })
    await tab.getByRole('heading', { name: /Criteria/ }).waitFor({ timeout: 15_000 })
    expect(new URL(tab.url()).pathname).toBe('/editor.html')
    await tab.screenshot({ path: path.join(SHOTS, 'admin-editor-tab.png') })
    await tab.close()
  })

  it('a rep sees the queue, never the editor, and the worker refuses the rep a PUT', async () => {
    await configure(repToken)
    await openPopup()
    await page.getByRole('heading', { name: 'My leads' }).waitFor({ timeout: 15_000 })
    expect(await page.getByRole('heading', { name: /Criteria/ }).count()).toBe(0)
    expect(await page.getByLabel('SQL threshold').count()).toBe(0)
    await shot('admin-popup-rep')

    const res = await fetch(`${worker.url}/v1/admin/criteria`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${repToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ document: before.document, note: 'rep tries' }),
    })
    expect(res.status).toBe(403)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden')
  })
})
