/**
 * One place that undoes what a benchmark started: child wrangler processes and temp directories. Runs
 * on normal completion, on an exception and on Ctrl-C, so a broken run leaves no workerd behind and no
 * multi-GB SQLite file in /tmp.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const undo = []
let hooked = false

const hook = () => {
  if (hooked) return
  hooked = true
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      runCleanup().finally(() => process.exit(130))
    })
  }
}

/**
 * Registers `fn` to run at cleanup (last registered runs first). Returns a function that runs it now
 * and unregisters it.
 * @example const stop = onCleanup(() => child.kill())
 */
export const onCleanup = (fn) => {
  hook()
  let done = false
  const once = async () => {
    if (done) return
    done = true
    await fn()
  }
  undo.push(once)
  return async () => {
    const i = undo.indexOf(once)
    if (i >= 0) undo.splice(i, 1)
    await once()
  }
}

/** Runs every registered cleanup; errors are reported, never thrown (cleanup is best effort). */
export const runCleanup = async () => {
  while (undo.length) {
    try {
      await undo.pop()()
    } catch (err) {
      console.error(`cleanup: ${err?.message ?? err}`)
    }
  }
}

/**
 * A fresh temp directory that is removed at cleanup (or earlier with the returned `remove`).
 * @example const { dir, remove } = tempDir('handoff-bench-cron-')
 */
export const tempDir = (prefix) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  const remove = onCleanup(() => rmSync(dir, { recursive: true, force: true }))
  return { dir, remove }
}
