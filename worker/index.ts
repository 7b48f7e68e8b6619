import { app } from './app'
import { runTick } from './cron'
import { dbFor } from './db/client'
import { consumeCriteriaMessage } from './domain/criteria/consumer'
import type { CriteriaJobMessage } from './domain/criteria/job'

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    // scheduledTime is "now" so that tests and `/__scheduled?time=` can move the clock.
    await runTick({ db: dbFor(env), env, now: controller.scheduledTime, waitUntil: (p) => ctx.waitUntil(p) })
  },
  // Criteria jobs (docs/scale.md): one chunk of open leads per message; a failed chunk is retried by the queue,
  // and the job ends `failed` after the last attempt.
  async queue(batch, env, ctx) {
    for (const message of (batch as MessageBatch<CriteriaJobMessage>).messages) {
      await consumeCriteriaMessage(
        { db: dbFor(env), env, now: Date.now(), waitUntil: (p) => ctx.waitUntil(p) },
        message,
      )
    }
  },
} satisfies ExportedHandler<Env>
