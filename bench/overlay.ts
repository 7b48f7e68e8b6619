/**
 * Overlay time after an SPA navigation in real Chromium (Debian's /usr/bin/chromium via playwright-core,
 * never a downloaded browser), with the e2e build of the extension and the real-browser tests' helpers
 * (test/browser/support): a local worker with K leads assigned to one rep, a LinkedIn-shaped SPA fixture
 * (bench/fixtures/linkedin-spa.html) on 127.0.0.1 under www.linkedin.com, nothing leaving the machine.
 *
 * - cold: pushState to a profile the extension has not seen → lookup through the background → overlay.
 *   Its target is one API round trip + 50 ms, the round trip measured from the extension's service worker
 *   (same fetch path, same moment) as the median of `GET /v1/leads/lookup`.
 * - warm: pushState back to the profile seen just before (its lookup is in the background's 60 s cache).
 *
 *   npx tsx bench/overlay.ts [pairs]
 * @module
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from 'playwright-core'
import { buildExtension, launchExtension } from '../test/browser/support/extension'
import { startFixtureServer } from '../test/browser/support/fixture-server'
import { startWorker } from '../test/browser/support/worker'

/** The extension API inside `sw.evaluate` (runs in the service worker, not in node). */
declare const chrome: any

const slug = (i: number) => `bench-lead-${i}`
const name = (i: number) => `Bench Lead${i}`

/** The organisation: one rep in one pool; the SQL threshold lowered so each senior lead is assigned at intake. */
const seed = async (api: Awaited<ReturnType<typeof startWorker>>['api'], leads: number) => {
  const { rep } = await api('/v1/admin/reps', { method: 'POST', json: { name: 'Bench Rep', email: 'rep@bench.test' } })
  const { pool } = await api('/v1/admin/pools', { method: 'POST', json: { name: 'All', members: [{ repId: rep.id }] } })
  await api('/v1/admin/routing-rules', {
    method: 'POST',
    json: { name: 'All', kind: 'default', position: 0, poolId: pool.id },
  })
  await api('/v1/admin/sla-policies', {
    method: 'POST',
    json: { name: 'SQL', position: 0, durationMinutes: 60, businessHours: false },
  })
  const { document } = await api('/v1/admin/criteria')
  await api('/v1/admin/criteria', { method: 'PUT', json: { ...document, thresholds: { mql: 20, sql: 40 } } })
  const { token } = await api('/v1/admin/tokens', {
    method: 'POST',
    json: { role: 'rep', repId: rep.id, name: 'bench' },
  })
  for (let i = 0; i < leads; i++) {
    const { lead } = await api('/v1/leads', {
      method: 'POST',
      json: {
        email: `lead${i}@bench-overlay.io`,
        firstName: 'Bench',
        lastName: `Lead${i}`,
        title: 'VP Marketing',
        linkedinUrl: `https://www.linkedin.com/in/${slug(i)}/`,
        company: { name: 'Bench Inc', employees: 400, industry: 'Software', country: 'US' },
      },
    })
    if (lead.status !== 'assigned') throw new Error(`bench lead ${i} is ${lead.status}, not assigned`)
  }
  return token as string
}

const navigate = (page: Page, i: number) =>
  page.evaluate(([s, n]) => (globalThis as any).benchNavigate(s, n) as Promise<number>, [slug(i), name(i)] as const)

/**
 * `pairs` cold navigations, each followed by a warm one back to the previous profile, plus `pairs` API
 * round trips from the service worker. Times in ms.
 */
export const benchOverlay = async ({ pairs }: { pairs: number }) => {
  const extensionDir = buildExtension()
  const [worker, fixtures] = await Promise.all([
    startWorker(),
    startFixtureServer(path.resolve(import.meta.dirname, 'fixtures'), (host, p) =>
      host === 'www.linkedin.com' && p.startsWith('/in/') ? 'linkedin-spa.html' : null,
    ),
  ])
  let ext: Awaited<ReturnType<typeof launchExtension>> | undefined
  try {
    const token = await seed(worker.api, pairs + 1)
    ext = await launchExtension({ extensionDir, hosts: ['www.linkedin.com'], httpsPort: fixtures.port })
    await ext.sw.evaluate(
      ([serverUrl, t]) => chrome.storage.local.set({ settings: { serverUrl, token: t }, overlayExpanded: true }),
      [worker.url, token] as const,
    )
    const page = await ext.context.newPage()
    await page.goto(`https://www.linkedin.com/in/${slug(0)}/`)
    await page.waitForFunction((n) => (globalThis as any).benchShown() === n, name(0), { timeout: 30_000 })
    const cold: number[] = []
    const warm: number[] = []
    for (let i = 1; i <= pairs; i++) {
      cold.push(await navigate(page, i))
      warm.push(await navigate(page, i - 1))
    }
    const rtt = (await ext.sw.evaluate(
      async ([base, t, n]) => {
        const out: number[] = []
        for (let i = 0; i <= n; i++) {
          const t0 = performance.now()
          const res = await fetch(`${base}/v1/leads/lookup?linkedin=bench-lead-0`, {
            headers: { authorization: `Bearer ${t}` },
          })
          await res.text()
          if (!res.ok) throw new Error(`lookup answered ${res.status}`)
          if (i > 0) out.push(performance.now() - t0) // the first opens the connection
        }
        return out
      },
      [worker.url, token, pairs] as const,
    )) as number[]
    return { cold, warm, rtt }
  } finally {
    await ext?.close()
    await Promise.all([worker.stop(), fixtures.stop()])
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchOverlay({ pairs: Number(process.argv[2] ?? 5) })
  console.log(JSON.stringify(r))
}
