/** Bindings of the worker (see wrangler.toml); secrets come from `.dev.vars` or `wrangler secret`. */
declare namespace Cloudflare {
  interface Env {
    DB: D1Database
    /** Bootstrap admin token (secret). */
    ADMIN_TOKEN?: string
    /** `"true"` enables `POST /v1/admin/demo/seed` (set by `npm start` in `.dev.vars`). */
    DEMO_MODE?: string
    /** `"true"` lets the worker answer `/__scheduled?time=` itself (local runs only; see routes/dev-scheduled.ts). */
    LOCAL_SCHEDULED?: string
    /** Public base URL used in links inside alerts. */
    APP_URL: string
  }
}

type Env = Cloudflare.Env

declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('./index')
  }
}
