/**
 * Writing a whole organisation's configuration at once (the demo seed): channels, calendars, reps, pools,
 * routing rules and SLA policies in one `db.batch`.
 * @module
 */
import type { Db } from '../../app-env'
import { calendars, channels, poolMembers, pools, reps, routingRules, slaPolicies } from '../schema'

/** Rows of each configuration table; every list non-empty. */
type OrgConfig = {
  channels: (typeof channels.$inferInsert)[]
  calendars: (typeof calendars.$inferInsert)[]
  /** One insert each (a rep row has many columns; a multi-row insert would pass D1's 100 parameters). */
  reps: (typeof reps.$inferInsert)[]
  pools: (typeof pools.$inferInsert)[]
  poolMembers: (typeof poolMembers.$inferInsert)[]
  routingRules: (typeof routingRules.$inferInsert)[]
  slaPolicies: (typeof slaPolicies.$inferInsert)[]
}

/**
 * Inserts the configuration in one batch (one round trip; all or nothing), referenced rows first.
 * @example await insertOrgConfig(db, { channels: [channel], calendars, reps, pools, poolMembers, routingRules, slaPolicies })
 */
export const insertOrgConfig = async (db: Db, config: OrgConfig) => {
  await db.batch([
    db.insert(channels).values(config.channels),
    db.insert(calendars).values(config.calendars),
    ...config.reps.map((r) => db.insert(reps).values(r)),
    db.insert(pools).values(config.pools),
    db.insert(poolMembers).values(config.poolMembers),
    db.insert(routingRules).values(config.routingRules),
    db.insert(slaPolicies).values(config.slaPolicies),
  ])
}
