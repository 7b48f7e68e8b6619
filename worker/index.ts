import { app } from './app'
import { runTick } from './cron'
import { dbFor } from './db/client'
import { type CriteriaJobMessage, runCriteriaChunk } from './domain/criteria/job'

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    // scheduledTime is "now" so that tests and `/__scheduled?time=` can move the clock.
    await runTick({ db: dbFor(env), env, now: controller.scheduledTime, waitUntil: (p) => ctx.waitUntil(p) })
  },
  // Criteria jobs (docs/scale.md): one chunk of open leads per message; a failed chunk is retried by the queue.
  async queue(batch, env, ctx) {
    for (const message of batch.messages) {
      await runCriteriaChunk(
        { db: dbFor(env), env, now: Date.now(), waitUntil: (p) => ctx.waitUntil(p) },
        message.body as CriteriaJobMessage,
      )
      message.ack()
    }
  },
} satisfies ExportedHandler<Env>
