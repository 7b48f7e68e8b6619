#!/usr/bin/env node
/**
 * D1 round trips per request, as the worker tests count them (test/worker/*roundtrips*.test.ts patch the
 * D1 binding's prototypes in workerd and log `<what>: <n> round trips`). The bench runs those tests and
 * reads their log lines, so the table shows the same figures the tests assert, with no counting code in
 * the product.
 *
 *   node bench/roundtrips.mjs
 * @module
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT } from './lib/worker.mjs'

const BIN = path.join(ROOT, 'node_modules/.bin')

/**
 * Runs the round-trip tests; returns `{ label: trips }` from their log lines (and whether they passed).
 * @example const { trips } = countRoundTrips(); trips['POST /v1/leads (new lead, idempotency key, brief)']
 */
export const countRoundTrips = () => {
  const files = readdirSync(path.join(ROOT, 'test/worker'))
    .filter((f) => /roundtrips\.test\.ts$/.test(f))
    .map((f) => `test/worker/${f}`)
  const res = spawnSync(path.join(BIN, 'vitest'), ['run', '--project', 'worker', ...files], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  })
  // eslint-disable-next-line no-control-regex -- vitest colours its output even without a terminal
  const text = `${res.stdout}\n${res.stderr}`.replace(/\x1b\[[0-9;]*m/g, '')
  const trips = {}
  for (const m of text.matchAll(/^(.+?): (\d+) round trips?\s*$/gm)) trips[m[1].trim()] = Number(m[2])
  return { trips, passed: res.status === 0, files }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { trips, passed, files } = countRoundTrips()
  console.log(`${files.join(', ')}: ${passed ? 'passed' : 'FAILED'}`)
  for (const [k, v] of Object.entries(trips)) console.log(`  ${k}: ${v}`)
}
