#!/usr/bin/env node
/**
 * Size of the overlay content script, the code every matching page (LinkedIn, CRM records) loads: a
 * release Chrome build (`wxt build`), then the gzipped bytes of `content-scripts/overlay.js` (level 9,
 * what a store download roughly costs) and, apart, of its stylesheet.
 *
 *   node bench/content-size.mjs
 * @module
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { ROOT } from './lib/worker.mjs'

const BIN = path.join(ROOT, 'node_modules/.bin')

const gz = (file) => (existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : null)

/** Builds the extension and returns raw and gzipped sizes (bytes) of the overlay's script and css. */
export const contentScriptSize = () => {
  const res = spawnSync(path.join(BIN, 'wxt'), ['build'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}` },
  })
  if (res.status !== 0) throw new Error(`wxt build failed:\n${res.stdout}\n${res.stderr}`)
  const dir = path.join(ROOT, '.output/chrome-mv3/content-scripts')
  const js = path.join(dir, 'overlay.js')
  return { raw: readFileSync(js).length, gzip: gz(js), cssGzip: gz(path.join(dir, 'overlay.css')) }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const s = contentScriptSize()
  console.log(
    `overlay.js ${(s.raw / 1024).toFixed(1)} KB, gzip ${(s.gzip / 1024).toFixed(1)} KB; overlay.css gzip ${((s.cssGzip ?? 0) / 1024).toFixed(1)} KB`,
  )
}
