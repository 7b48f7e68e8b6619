/**
 * Imported first by every extension page and the background: zod's fast path compiles validators with
 * `new Function`, which the extension CSP forbids (it reports, then falls back). `jitless` skips the
 * attempt, so no CSP violation is ever reported.
 * @module
 */
import { z } from 'zod'

z.config({ jitless: true })
