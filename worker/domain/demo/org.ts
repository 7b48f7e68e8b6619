/**
 * The demo organisation: two managers and five reps in New York and Berlin with working-hours calendars,
 * the Americas and EMEA pools, routing by country, three SLA policies with an escalation chain, a log
 * channel. Configuration rows, written directly (configuration is not intake).
 * @module
 */
import type { Db } from '../../app-env'
import { insertOrgConfig } from '../../db/queries/org-config'
import { setManagersChannelId } from '../../db/queries/reps'

const WEEKDAYS_9_TO_5 = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]),
)

export const DEMO_CALENDARS = [
  {
    id: 'cal_demo_ny',
    name: 'New York office',
    timeZone: 'America/New_York',
    schedule: WEEKDAYS_9_TO_5,
    holidays: ['2026-11-26', '2026-12-25'],
  },
  {
    id: 'cal_demo_berlin',
    name: 'Berlin office',
    timeZone: 'Europe/Berlin',
    schedule: WEEKDAYS_9_TO_5,
    holidays: ['2026-10-03', '2026-12-25'],
  },
]

export const DEMO_MANAGERS = [
  {
    id: 'rep_demo_dana',
    name: 'Dana Brooks',
    email: 'dana.brooks@handoff.demo',
    timeZone: 'America/New_York',
    calendarId: 'cal_demo_ny',
  },
  {
    id: 'rep_demo_sophie',
    name: 'Sophie Martin',
    email: 'sophie.martin@handoff.demo',
    timeZone: 'Europe/Berlin',
    calendarId: 'cal_demo_berlin',
  },
]

export const DEMO_REPS = [
  {
    id: 'rep_demo_ava',
    name: 'Ava Thompson',
    email: 'ava.thompson@handoff.demo',
    managerId: 'rep_demo_dana',
    timeZone: 'America/New_York',
    calendarId: 'cal_demo_ny',
    weight: 2,
    pool: 'pool_demo_americas',
  },
  {
    id: 'rep_demo_marcus',
    name: 'Marcus Reed',
    email: 'marcus.reed@handoff.demo',
    managerId: 'rep_demo_dana',
    timeZone: 'America/New_York',
    calendarId: 'cal_demo_ny',
    weight: 1,
    pool: 'pool_demo_americas',
  },
  {
    id: 'rep_demo_priya',
    name: 'Priya Shah',
    email: 'priya.shah@handoff.demo',
    managerId: 'rep_demo_dana',
    timeZone: 'America/New_York',
    calendarId: 'cal_demo_ny',
    weight: 1,
    pool: 'pool_demo_americas',
  },
  {
    id: 'rep_demo_lena',
    name: 'Lena Vogel',
    email: 'lena.vogel@handoff.demo',
    managerId: 'rep_demo_sophie',
    timeZone: 'Europe/Berlin',
    calendarId: 'cal_demo_berlin',
    weight: 1,
    pool: 'pool_demo_emea',
  },
  {
    id: 'rep_demo_jonas',
    name: 'Jonas Becker',
    email: 'jonas.becker@handoff.demo',
    managerId: 'rep_demo_sophie',
    timeZone: 'Europe/Berlin',
    calendarId: 'cal_demo_berlin',
    weight: 1,
    pool: 'pool_demo_emea',
  },
]

/** Countries routed to EMEA; everything else goes to the Americas. */
export const EMEA = ['GB', 'IE', 'DE', 'FR', 'NL', 'SE', 'DK', 'ES', 'IT', 'CH', 'AT', 'PL']

const ESCALATION = [
  { action: 'alert', on: 'breach', afterMinutes: 0, to: ['rep', 'manager'] },
  { action: 'reassign', on: 'first_breach', afterMinutes: 15 },
  { action: 'alert', on: 'second_breach', afterMinutes: 0, to: ['managers_channel'] },
  // Stale leads leave the rep's queue for the managers' after three days untouched (issue 13).
  { action: 'recycle', on: 'breach', afterMinutes: 3 * 24 * 60 },
]

/**
 * Writes the demo organisation's configuration.
 * @example await createDemoOrg(db)
 */
export const createDemoOrg = async (db: Db) => {
  const channelId = 'chan_demo_log'
  await insertOrgConfig(db, {
    channels: [{ id: channelId, name: 'Console log (demo)', kind: 'log', url: '' }],
    calendars: DEMO_CALENDARS,
    reps: [
      ...DEMO_MANAGERS.map((m) => ({ ...m, role: 'manager' as const, channelId })),
      ...DEMO_REPS.map(({ pool: _pool, ...r }) => ({ ...r, role: 'rep' as const, channelId })),
    ],
    pools: [
      { id: 'pool_demo_americas', name: 'Americas', fallbackRepId: 'rep_demo_dana' },
      { id: 'pool_demo_emea', name: 'EMEA', fallbackRepId: 'rep_demo_sophie' },
    ],
    poolMembers: DEMO_REPS.map((r) => ({ poolId: r.pool, repId: r.id, weight: r.weight })),
    routingRules: [
      { id: 'rule_demo_account', position: 0, name: 'Account owner', kind: 'account' },
      {
        id: 'rule_demo_emea',
        position: 1,
        name: 'EMEA by country',
        kind: 'territory',
        conditions: [{ op: 'in', field: 'company.country', values: EMEA }],
        poolId: 'pool_demo_emea',
      },
      {
        id: 'rule_demo_default',
        position: 2,
        name: 'Americas (default)',
        kind: 'default',
        poolId: 'pool_demo_americas',
      },
    ],
    slaPolicies: [
      {
        id: 'sla_demo_hot',
        name: 'Hot (demo request)',
        position: 0,
        conditions: { hot: true, conditions: [] },
        durationMinutes: 5,
        businessHours: false,
        warnings: [0.5, 0.8],
        escalation: ESCALATION,
      },
      {
        id: 'sla_demo_sql',
        name: 'SQL',
        position: 1,
        conditions: { status: ['sql'], conditions: [] },
        durationMinutes: 60,
        businessHours: true,
        warnings: [0.5, 0.8],
        escalation: ESCALATION,
      },
      {
        id: 'sla_demo_mql',
        name: 'MQL',
        position: 2,
        conditions: { status: ['mql'], conditions: [] },
        durationMinutes: 480,
        businessHours: true,
        warnings: [0.5, 0.8],
        escalation: ESCALATION,
      },
    ],
  })
  await setManagersChannelId(db, channelId)
}
