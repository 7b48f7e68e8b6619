/**
 * An https server on 127.0.0.1 for the fixture pages, with a throwaway self-signed certificate (openssl,
 * one day). Chromium reaches it under the real host names through `--host-resolver-rules`.
 * @module
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:https'
import { tmpdir } from 'node:os'
import path from 'node:path'

export type FixtureServer = { port: number; stop(): Promise<void> }

/** Pick the page for a request: return a file name in `dir`, or null for 404. */
export type FixtureRouter = (host: string, pathname: string) => string | null

/**
 * `port` 0 (the default) picks a free one; Firefox needs 443, since it can redirect names but not ports.
 * @example
 * const fixtures = await startFixtureServer(dir, (host) => (host === 'www.linkedin.com' ? 'linkedin.html' : null))
 */
export const startFixtureServer = async (dir: string, route: FixtureRouter, port = 0): Promise<FixtureServer> => {
  const certDir = mkdtempSync(path.join(tmpdir(), 'handoff-cert-'))
  const [key, cert] = [path.join(certDir, 'key.pem'), path.join(certDir, 'cert.pem')]
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-days',
      '1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    {
      stdio: 'ignore',
    },
  )
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '')
    const url = new URL(req.url ?? '/', `https://${host}`)
    const file = route(host, url.pathname)
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
    res.end(readFileSync(path.join(dir, file)))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  return {
    port: (server.address() as { port: number }).port,
    stop: async () => {
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
      rmSync(certDir, { recursive: true, force: true })
    },
  }
}
