/**
 * The worker's bindings and vars are generated from wrangler.toml into `worker-configuration.d.ts` by
 * `npm run types` (checked by `npm run lint`). What wrangler cannot see is declared here: secrets
 * (`wrangler secret put` in production, `.dev.vars` locally) and vars that are only set locally.
 */
interface HandoffSecrets {
  /** Bootstrap admin token (secret, at least 32 characters; shorter ones are ignored). */
  ADMIN_TOKEN?: string
  /** `"off"` turns the `ADMIN_TOKEN` bootstrap off once real admin tokens exist. */
  ADMIN_BOOTSTRAP?: string
  /** `"true"` enables `POST /v1/admin/demo/seed` (set by `npm start` in `.dev.vars`). */
  DEMO_MODE?: string
  /** `"true"` lets the worker answer `/__scheduled?time=` itself (local runs only; see routes/dev-scheduled.ts). */
  LOCAL_SCHEDULED?: string
}

/* eslint-disable @typescript-eslint/no-empty-object-type -- declaration merging: these add the secrets to Env */
declare namespace Cloudflare {
  interface Env extends HandoffSecrets {}
}
interface Env extends HandoffSecrets {}
