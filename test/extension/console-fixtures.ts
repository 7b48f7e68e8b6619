/**
 * Stored items for the console's component tests, shaped as the worker answers them.
 * @module
 */

export const ANA = {
  id: 'rep_ana',
  name: 'Ana Ruiz',
  email: 'ana@acme.test',
  role: 'rep',
  managerId: 'rep_max',
  timeZone: 'Europe/Berlin',
  calendarId: 'cal_ber',
  active: true,
  outOfOffice: [{ start: '2026-01-01T00:00:00.000Z', end: '2099-01-01T00:00:00.000Z' }],
  capacity: 10,
  weight: 2,
  channelId: null,
  crmOwnerIds: ['hubspot:314'],
}

export const MAX = {
  ...ANA,
  id: 'rep_max',
  name: 'Max Manager',
  email: 'max@acme.test',
  role: 'manager',
  managerId: null,
  outOfOffice: [],
  capacity: null,
  weight: 1,
  crmOwnerIds: [],
}

const WORKDAY = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
]

export const BERLIN = {
  id: 'cal_ber',
  name: 'Berlin office',
  timeZone: 'Europe/Berlin',
  schedule: { mon: WORKDAY, tue: WORKDAY, wed: WORKDAY, thu: WORKDAY, fri: WORKDAY },
  holidays: ['2026-12-25'],
}

export const EMEA = {
  id: 'pool_emea',
  name: 'EMEA',
  respectWorkingHours: true,
  fallbackRepId: null,
  members: [{ repId: 'rep_ana', weight: null }],
}

export const DACH = {
  id: 'rule_dach',
  name: 'DACH',
  kind: 'territory',
  position: 10,
  conditions: [{ op: 'in', field: 'company.country', values: ['DE', 'AT', 'CH'] }],
  poolId: 'pool_emea',
  active: true,
}

export const CATCH_ALL = {
  id: 'rule_all',
  name: 'Everyone else',
  kind: 'default',
  position: 20,
  conditions: [],
  poolId: 'pool_emea',
  active: true,
}

export const HOT = {
  id: 'sla_hot',
  name: 'Hot leads',
  position: 0,
  match: { hot: true, conditions: [] },
  durationMinutes: 5,
  businessHours: false,
  warnings: [0.5],
  escalation: [{ action: 'alert', on: 'breach', afterMinutes: 0, to: ['rep', 'manager'] }],
}

export const SLACK = {
  id: 'chn_slack',
  name: 'Sales Slack',
  kind: 'slack',
  url: 'https://hooks.slack.test/services/T/B/X',
  hasSecret: false,
  events: [],
}
