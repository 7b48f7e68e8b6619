/**
 * What every script that runs the worker locally needs (npm start, the benchmarks).
 * @module
 */
import { createServer } from 'node:net'

/** Environment that keeps wrangler offline and quiet (no metrics, no Request.cf download, no update check). */
export const WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
}

/**
 * A free TCP port on 127.0.0.1.
 * @example const port = await freePort()
 */
export const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })

/**
 * Waits until the worker at `base` answers `/health` (up to 60 s).
 * @example await waitReady('http://127.0.0.1:8787')
 */
export const waitReady = async (base) => {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`wrangler dev did not start at ${base}`)
}
