#!/usr/bin/env node
/**
 * `npm run screenshots`: runs the journey test in Chromium (test/browser/journey.test.ts) and copies the
 * pictures the README and docs show into docs/screenshots/. Needs Debian's chromium, as the tests do.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync } from 'node:fs'

const run = spawnSync(
  'npx',
  ['vitest', 'run', '--project', 'browser', 'test/browser/journey.test.ts', '-t', 'journey in chromium'],
  { stdio: 'inherit' },
)
if (run.status !== 0) process.exit(run.status ?? 1)

const PICTURES = {
  'journey-chromium-4-linkedin.png': 'overlay-linkedin.png',
  'journey-chromium-5-overdue.png': 'overlay-overdue.png',
  'journey-chromium-4-salesforce.png': 'overlay-salesforce.png',
  'journey-chromium-7-save-dialog.png': 'criteria-save-dialog.png',
  'journey-chromium-8-reports.png': 'manager-reports.png',
}
mkdirSync('docs/screenshots', { recursive: true })
for (const [from, to] of Object.entries(PICTURES)) {
  copyFileSync(`test-results/screenshots/${from}`, `docs/screenshots/${to}`)
  console.log(`docs/screenshots/${to}`)
}
