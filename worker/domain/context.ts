import type { Db } from '../app-env'

/**
 * What domain functions need from the outside world. `now` is passed in (requests use the
 * clock, cron uses `controller.scheduledTime`, tests choose it).
 * @example const ctx: DomainCtx = { db, env, now: Date.now(), waitUntil: (p) => c.executionCtx.waitUntil(p) }
 */
export type DomainCtx = {
  db: Db
  env: Env
  now: number
  /**
   * The time as work goes on: a long tick's later steps (an alert claimed minutes into the tick) happen after
   * `now`. Absent means `now` plus the real time elapsed since the work began; tests step it by hand.
   */
  clock?: () => number
  /** [0, 1) like `Math.random` (the default): retry jitter, made deterministic in tests. */
  random?: () => number
  /** Background work after the answer (alert delivery). Absent in scripts: then awaited inline. */
  waitUntil?: (promise: Promise<unknown>) => void
  /** Where a log-channel alert's line goes; absent means the worker log. The demo seed counts them instead. */
  logAlert?: (line: string) => void
  /** Who acts: token name or rep id, recorded in history. */
  actor?: string
  /**
   * Whether the caller may assert sales activity (`sales_touch` events meet the SLA and credit a rep).
   * False for plain `intake` tokens: only reps, managers, admins and CRM sources may. Absent means allowed
   * (cron, scripts, signed CRM webhooks).
   */
  salesActivity?: boolean
}
