/**
 * Runs the live preview off the main path: in a Web Worker when the page can start one, else in the page
 * after yielding to the event loop (tests, or a browser refusing the worker). Only the latest draft's
 * answer is delivered; older ones are dropped.
 * @module
 */
import type { CriteriaDocument } from '../../shared/schemas/criteria'
import type { PreviewLead, PreviewResult } from './preview'
import { createPreviewSession, type PreviewRequest, type PreviewResponse, type PreviewSession } from './preview-session'
import PreviewWorker from './preview.worker.ts?worker'

export type PreviewOutcome = { result: PreviewResult; ms: number; where: 'worker' | 'page' }

export type PreviewRunner = {
  load: (sample: PreviewLead[], current: CriteriaDocument, now: number) => void
  /** Resolves with the answer for this draft, or null when a newer draft superseded it. */
  run: (draft: CriteriaDocument) => Promise<PreviewOutcome | null>
  dispose: () => void
}

const startWorker = (): Worker | null => {
  if (typeof Worker === 'undefined') return null
  try {
    return new PreviewWorker()
  } catch {
    return null
  }
}

/**
 * @example const runner = createPreviewRunner(); runner.load(sample, current, now); const out = await runner.run(draft)
 */
export const createPreviewRunner = (options: { useWorker?: boolean } = {}): PreviewRunner => {
  let worker = options.useWorker === false ? null : startWorker()
  let session: PreviewSession | null = null
  let loaded: PreviewRequest | null = null
  let latest = 0
  let lastDraft: CriteriaDocument | null = null
  const pending = new Map<number, (value: PreviewOutcome | null) => void>()

  const runInPage = (id: number, draft: CriteriaDocument) =>
    new Promise<PreviewOutcome | null>((resolve) => {
      setTimeout(() => {
        if (id !== latest || !session) return resolve(null)
        const started = performance.now()
        const result = session.run(draft)
        resolve({ result, ms: performance.now() - started, where: 'page' })
      }, 0)
    })

  const fallBack = () => {
    worker?.terminate()
    worker = null
    if (loaded?.type === 'load') session = createPreviewSession(loaded.sample, loaded.current, loaded.now)
    // The answer still awaited is computed in the page instead.
    for (const [id, resolve] of pending) {
      if (id === latest && lastDraft) void runInPage(id, lastDraft).then(resolve)
      else resolve(null)
    }
    pending.clear()
  }

  worker?.addEventListener('message', (e: MessageEvent<PreviewResponse>) => {
    const msg = e.data
    const resolve = pending.get(msg.id)
    pending.delete(msg.id)
    if (!resolve) return
    if (msg.type === 'error' || msg.id !== latest) return resolve(null)
    resolve({ result: msg.result, ms: msg.ms, where: 'worker' })
  })
  worker?.addEventListener('error', fallBack)

  return {
    load: (sample, current, now) => {
      loaded = { type: 'load', sample, current, now }
      if (worker) worker.postMessage(loaded)
      else session = createPreviewSession(sample, current, now)
    },
    run: (draft) => {
      const id = ++latest
      lastDraft = draft
      for (const [old, resolve] of pending) if (old !== id) resolve(null)
      pending.clear()
      if (!worker) return runInPage(id, draft)
      return new Promise((resolve) => {
        pending.set(id, resolve)
        worker?.postMessage({ type: 'run', id, draft } satisfies PreviewRequest)
      })
    },
    dispose: () => {
      worker?.terminate()
      worker = null
      for (const resolve of pending.values()) resolve(null)
      pending.clear()
    },
  }
}
