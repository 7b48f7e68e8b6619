/**
 * The preview's Web Worker: keeps scoring 5,000 sample leads off the popup's main thread.
 * @module
 */
import { createPreviewSession, type PreviewRequest, type PreviewResponse, type PreviewSession } from './preview-session'

const scope = self as unknown as {
  addEventListener: (type: 'message', listener: (e: MessageEvent<PreviewRequest>) => void) => void
  postMessage: (message: PreviewResponse) => void
}

let session: PreviewSession | null = null

scope.addEventListener('message', (e) => {
  const msg = e.data
  if (msg.type === 'load') {
    session = createPreviewSession(msg.sample, msg.current, msg.now)
    return
  }
  if (!session) return scope.postMessage({ type: 'error', id: msg.id, message: 'No sample loaded' })
  try {
    const started = performance.now()
    const result = session.run(msg.draft)
    scope.postMessage({ type: 'result', id: msg.id, result, ms: performance.now() - started })
  } catch (err) {
    scope.postMessage({ type: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) })
  }
})
