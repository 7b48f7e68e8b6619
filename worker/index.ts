import { app } from './app'
import { runTick } from './cron'
import { dbFor } from './db/client'

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    // scheduledTime is "now" so that tests and `/__scheduled?time=` can move the clock.
    await runTick({ db: dbFor(env), env, now: controller.scheduledTime, waitUntil: (p) => ctx.waitUntil(p) })
  },
} satisfies ExportedHandler<Env>
