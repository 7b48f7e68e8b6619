/**
 * The D1 schema. Column names are snake_case in SQL (drizzle `casing: 'snake_case'`),
 * camelCase here. JSON columns hold documents validated by the zod schemas in `shared/`.
 * Times are stored as epoch milliseconds (integers) so that range queries stay on indexes.
 *
 * Migrations are generated from this file: `npm run db:generate` (drizzle-kit).
 * @module
 */
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'

const now = sql`(unixepoch('subsec') * 1000)`

/** API tokens. Only the SHA-256 of a token is kept. */
export const tokens = sqliteTable('tokens', {
  id: text().primaryKey(),
  tokenHash: text().notNull().unique(),
  role: text({ enum: ['admin', 'manager', 'rep', 'intake'] }).notNull(),
  repId: text(),
  name: text().notNull(),
  createdAt: integer().notNull().default(now),
  createdBy: text(),
  revokedAt: integer(),
  /** After this instant (epoch ms) the token gets 401; null: never expires. */
  expiresAt: integer(),
  /** Updated at most once a minute, so auth stays one read on most requests. */
  lastUsedAt: integer(),
})

/** Business-hours calendars: weekly intervals in a time zone, plus holidays. */
export const calendars = sqliteTable('calendars', {
  id: text().primaryKey(),
  name: text().notNull(),
  timeZone: text().notNull(),
  /** JSON: shared `WeeklySchedule` ({ mon: [{start:'09:00', end:'17:00'}], … }). */
  schedule: text({ mode: 'json' }).notNull(),
  /** JSON: ISO dates `YYYY-MM-DD` in the calendar's zone. */
  holidays: text({ mode: 'json' })
    .notNull()
    .default(sql`'[]'`),
})

/** Alert channels: Slack / Teams incoming webhooks, Standard Webhooks receivers and email recipients. */
export const channels = sqliteTable('channels', {
  id: text().primaryKey(),
  name: text().notNull(),
  kind: text({ enum: ['slack', 'teams', 'webhook', 'email', 'log'] }).notNull(),
  /** The receiver's URL; for `email`, a `mailto:` URI naming the recipients. */
  url: text().notNull(),
  /** Standard Webhooks secret (`whsec_…`), only for `webhook`. */
  secret: text(),
  /** JSON: the outbound lead events this (webhook) channel subscribes to; `[]` = alerts only. */
  events: text({ mode: 'json' })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
})

/** People who receive leads (reps) and who oversee them (managers). */
export const reps = sqliteTable(
  'reps',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    email: text().notNull().unique(),
    role: text({ enum: ['rep', 'manager'] })
      .notNull()
      .default('rep'),
    managerId: text(),
    timeZone: text().notNull().default('UTC'),
    calendarId: text(),
    active: integer({ mode: 'boolean' }).notNull().default(true),
    /** JSON: [{ start: ISO, end: ISO }] out-of-office ranges. */
    outOfOffice: text({ mode: 'json' })
      .notNull()
      .default(sql`'[]'`),
    /** Most open, untouched leads at once; null = unlimited. */
    capacity: integer(),
    weight: integer().notNull().default(1),
    channelId: text(),
    /** JSON: the rep's owner ids in the CRMs, `system:id` (`hubspot:123`). */
    crmOwnerIds: text({ mode: 'json' })
      .notNull()
      .default(sql`'[]'`),
    createdAt: integer().notNull().default(now),
  },
  (t) => [index('reps_manager_idx').on(t.managerId)],
)

/** Pools distribute leads by smooth weighted round robin. */
export const pools = sqliteTable('pools', {
  id: text().primaryKey(),
  name: text().notNull(),
  /** Skip reps outside their working hours. */
  respectWorkingHours: integer({ mode: 'boolean' }).notNull().default(false),
  fallbackRepId: text(),
  /** JSON: smooth-WRR current weights per rep id. */
  rrState: text({ mode: 'json' })
    .notNull()
    .default(sql`'{}'`),
  /** Optimistic-concurrency version of `rrState` (compare-and-set on update). */
  rrVersion: integer().notNull().default(0),
})

export const poolMembers = sqliteTable(
  'pool_members',
  {
    poolId: text().notNull(),
    repId: text().notNull(),
    /** Overrides the rep's weight inside this pool when set. */
    weight: integer(),
  },
  (t) => [primaryKey({ columns: [t.poolId, t.repId] })],
)

/** Ordered routing rules; first match wins. */
export const routingRules = sqliteTable('routing_rules', {
  id: text().primaryKey(),
  position: integer().notNull(),
  name: text().notNull(),
  kind: text({ enum: ['account', 'territory', 'default'] }).notNull(),
  /** JSON: shared condition list (all must match). */
  conditions: text({ mode: 'json' })
    .notNull()
    .default(sql`'[]'`),
  poolId: text(),
  active: integer({ mode: 'boolean' }).notNull().default(true),
})

/** Named accounts imported by admins: a domain and its owner. */
export const accounts = sqliteTable('accounts', {
  domain: text().primaryKey(),
  name: text(),
  ownerRepId: text().notNull(),
})

/** SLA policies by tier, chosen by ordered match rules. */
export const slaPolicies = sqliteTable('sla_policies', {
  id: text().primaryKey(),
  name: text().notNull(),
  position: integer().notNull(),
  /** JSON: conditions on the lead (e.g. hot, status sql). */
  conditions: text({ mode: 'json' })
    .notNull()
    .default(sql`'[]'`),
  durationMinutes: integer().notNull(),
  businessHours: integer({ mode: 'boolean' }).notNull().default(true),
  /** JSON: warning fractions, e.g. [0.5, 0.8]. */
  warnings: text({ mode: 'json' })
    .notNull()
    .default(sql`'[0.5,0.8]'`),
  /** JSON: escalation chain steps (data, not code). */
  escalation: text({ mode: 'json' })
    .notNull()
    .default(sql`'[]'`),
})

/** Versioned criteria documents; the highest version is current. Never updated, only appended. */
export const criteriaVersions = sqliteTable('criteria_versions', {
  version: integer().primaryKey(),
  document: text({ mode: 'json' }).notNull(),
  note: text(),
  author: text().notNull(),
  createdAt: integer().notNull().default(now),
  /** Set when this version restores an earlier one. */
  restoredFrom: integer(),
})

/** A criteria change applied to open leads in the background (Cloudflare Queues); progress per chunk. */
export const criteriaJobs = sqliteTable('criteria_jobs', {
  id: text().primaryKey(),
  version: integer().notNull(),
  /** `queued`, `running`, `done`, or `failed` (a chunk kept failing after the queue's retries). */
  status: text().notNull().default('queued'),
  total: integer().notNull().default(0),
  done: integer().notNull().default(0),
  changed: integer().notNull().default(0),
  handedOff: integer().notNull().default(0),
  /** Why the job failed (the last attempt's error), else null. */
  error: text(),
  createdAt: integer().notNull(),
  updatedAt: integer().notNull(),
})

/** Website-form intake sources: the public key in `/v1/intake/form/:sourceKey`. */
export const intakeSources = sqliteTable('intake_sources', {
  key: text().primaryKey(),
  name: text().notNull(),
  source: text().notNull(),
  campaign: text(),
  redirectUrl: text(),
  active: integer({ mode: 'boolean' }).notNull().default(true),
  /** `form` (public key, no secret) or a signed webhook system. */
  kind: text({ enum: ['form', 'hubspot', 'pipedrive', 'salesforce', 'typeform', 'calendly'] })
    .notNull()
    .default('form'),
  /** JSON: the kind's settings (shared `SourceSettings`). */
  settings: text({ mode: 'json' })
    .notNull()
    .default(sql`'{}'`),
  /** HMAC key as given (HubSpot, Calendly, Typeform): verifying needs it. */
  secret: text(),
  /** SHA-256 of a password or URL secret (Pipedrive, Salesforce). */
  secretHash: text(),
  createdAt: integer().notNull().default(0),
})

/** Webhook deliveries already applied, per source (replays are acknowledged and change nothing). */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  { sourceKey: text().notNull(), deliveryId: text().notNull(), receivedAt: integer().notNull() },
  (t) => [
    primaryKey({ columns: [t.sourceKey, t.deliveryId] }),
    index('webhook_deliveries_received_idx').on(t.receivedAt),
  ],
)

/** CRM records whose email is not known yet: their properties wait for it. */
export const crmPending = sqliteTable(
  'crm_pending',
  {
    system: text().notNull(),
    refId: text().notNull(),
    /** JSON: lead input fields gathered so far. */
    properties: text({ mode: 'json' })
      .notNull()
      .default(sql`'{}'`),
    updatedAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.system, t.refId] })],
)

/** CRM deals, linked to the lead they belong to once known. */
export const crmDeals = sqliteTable(
  'crm_deals',
  {
    system: text().notNull(),
    dealId: text().notNull(),
    leadId: text(),
    amount: real(),
    stage: text(),
    updatedAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.system, t.dealId] })],
)

export const leads = sqliteTable(
  'leads',
  {
    id: text().primaryKey(),
    /** Normalized (trimmed, lower-cased) email: the dedupe key. */
    emailNorm: text().notNull().unique(),
    email: text().notNull(),
    firstName: text(),
    lastName: text(),
    title: text(),
    phone: text(),
    linkedinUrl: text(),
    /** Normalized LinkedIn profile slug (shared URL parser), for lookups. */
    linkedinSlug: text(),
    companyName: text(),
    companyDomain: text(),
    industry: text(),
    employees: integer(),
    country: text(),
    source: text(),
    campaign: text(),
    message: text(),
    /** JSON: flat map of extra string/number/boolean values. */
    fields: text({ mode: 'json' })
      .notNull()
      .default(sql`'{}'`),
    status: text().notNull().default('new'),
    scoreTotal: real().notNull().default(0),
    scoreFit: real().notNull().default(0),
    scoreEngagement: real().notNull().default(0),
    /** JSON: shared `ScoreBreakdownItem[]`. */
    scoreBreakdown: text({ mode: 'json' })
      .notNull()
      .default(sql`'[]'`),
    criteriaVersion: integer(),
    hot: integer({ mode: 'boolean' }).notNull().default(false),
    disqualifiedReason: text(),
    /** JSON: what crossed the hand-off threshold, and when. */
    whyNow: text({ mode: 'json' }),
    mqlAt: integer(),
    sqlAt: integer(),
    assigneeId: text(),
    assignedAt: integer(),
    /** The assignment id of the hand-off that last claimed the lead; guards the rest of that hand-off's batch. */
    claimId: text(),
    firstTouchAt: integer(),
    outcomeAt: integer(),
    wonAmount: real(),
    createdAt: integer().notNull().default(now),
    updatedAt: integer().notNull().default(now),
  },
  (t) => [
    index('leads_linkedin_slug_idx').on(t.linkedinSlug),
    index('leads_company_domain_idx').on(t.companyDomain),
    index('leads_assignee_status_idx').on(t.assigneeId, t.status),
    index('leads_created_idx').on(t.createdAt),
    index('leads_source_created_idx').on(t.source, t.createdAt),
    index('leads_status_idx').on(t.status),
    // Reports: MQLs per month.
    index('leads_mql_at_idx').on(t.mqlAt),
  ],
)

/** CRM references; Salesforce ids are stored in their 18-character form. */
export const leadCrmRefs = sqliteTable(
  'lead_crm_refs',
  {
    system: text({ enum: ['salesforce', 'hubspot', 'pipedrive'] }).notNull(),
    refId: text().notNull(),
    leadId: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.system, t.refId] }), index('lead_crm_refs_lead_idx').on(t.leadId)],
)

/** Engagement events. `clientId` de-duplicates repeats from the sender. */
export const events = sqliteTable(
  'events',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    clientId: text().notNull().unique(),
    leadId: text().notNull(),
    type: text().notNull(),
    occurredAt: integer().notNull(),
    properties: text({ mode: 'json' })
      .notNull()
      .default(sql`'{}'`),
    receivedAt: integer().notNull().default(now),
    /** How many events this row stands for: 1, or more once retention folded old events together. */
    count: integer().notNull().default(1),
    /** On a folded row, the first folded event's time (`occurredAt` is the last one's). */
    firstOccurredAt: integer(),
  },
  (t) => [
    index('events_lead_time_idx').on(t.leadId, t.occurredAt),
    // Raw (unfolded) events by age: what retention folds next.
    index('events_raw_occurred_idx')
      .on(t.occurredAt)
      .where(sql`first_occurred_at is null`),
  ],
)

/** Stored first responses for `Idempotency-Key`. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    key: text().primaryKey(),
    status: integer().notNull(),
    body: text().notNull(),
    createdAt: integer().notNull().default(now),
  },
  (t) => [index('idempotency_keys_created_idx').on(t.createdAt)],
)

/** Each time a lead is handed to a rep. */
export const assignments = sqliteTable(
  'assignments',
  {
    id: text().primaryKey(),
    leadId: text().notNull(),
    repId: text(),
    poolId: text(),
    /** Which routing rule chose the rep (`account`, rule name, `fallback`, `reassign`…). */
    rule: text().notNull(),
    reason: text().notNull(),
    assignedAt: integer().notNull(),
    endedAt: integer(),
    endReason: text(),
  },
  (t) => [
    index('assignments_lead_idx').on(t.leadId),
    index('assignments_rep_idx').on(t.repId, t.assignedAt),
    // Reports: hand-offs in a date range.
    index('assignments_assigned_idx').on(t.assignedAt, t.leadId),
    // Reports: a lead's first hand-off (covering seek instead of row lookups).
    index('assignments_lead_time_idx').on(t.leadId, t.assignedAt),
  ],
)

/** One SLA clock per assignment. `nextCheckAt` is null once the clock has nothing left to do. */
export const slaClocks = sqliteTable(
  'sla_clocks',
  {
    id: text().primaryKey(),
    leadId: text().notNull(),
    assignmentId: text().notNull().unique(),
    repId: text(),
    policyId: text(),
    policyName: text().notNull(),
    startedAt: integer().notNull(),
    dueAt: integer().notNull(),
    metAt: integer(),
    stoppedAt: integer(),
    breachedAt: integer(),
    /** Index of the next milestone to process (warnings, breach, escalation steps). */
    nextMilestone: integer().notNull().default(0),
    nextCheckAt: integer(),
    /** JSON: the milestone plan fixed at start ([{ key, at, kind, … }]), so later policy edits don't move it. */
    plan: text({ mode: 'json' })
      .notNull()
      .default(sql`'[]'`),
  },
  (t) => [
    index('sla_clocks_next_check_idx').on(t.nextCheckAt),
    index('sla_clocks_lead_idx').on(t.leadId),
    // Reports: clocks started in a date range.
    index('sla_clocks_started_idx').on(t.startedAt),
  ],
)

/** Alert outbox: one row per (lead, milestone, assignment, recipient); the unique key makes duplicates impossible. */
export const alerts = sqliteTable(
  'alerts',
  {
    id: text().primaryKey(),
    dedupeKey: text().notNull().unique(),
    leadId: text().notNull(),
    assignmentId: text(),
    milestone: text().notNull(),
    /** `rep`, `manager`, `managers_channel` (who the alert is for). */
    recipient: text(),
    channelId: text(),
    payload: text({ mode: 'json' }).notNull(),
    /** `sending` while one tick holds the claim (`lease_owner` until `lease_until`). */
    state: text({ enum: ['pending', 'sending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    /** Attempts started (counted at claim time, so a crash mid-send still counts). */
    attempts: integer().notNull().default(0),
    nextAttemptAt: integer(),
    lastError: text(),
    createdAt: integer().notNull(),
    sentAt: integer(),
    /** The tick that claimed the alert for sending; only it may record the outcome. */
    leaseOwner: text(),
    /** When an unrecorded claim lapses (a crashed tick) and another tick may retry. */
    leaseUntil: integer(),
  },
  (t) => [
    index('alerts_due_idx').on(t.state, t.nextAttemptAt),
    index('alerts_lead_idx').on(t.leadId),
    index('alerts_lease_idx').on(t.state, t.leaseUntil),
    index('alerts_sent_idx').on(t.state, t.sentAt),
  ],
)

export const touches = sqliteTable(
  'touches',
  {
    id: text().primaryKey(),
    leadId: text().notNull(),
    repId: text(),
    channel: text().notNull(),
    note: text(),
    at: integer().notNull(),
    /** `rep` (via API) or `crm` (a `sales_touch` event). */
    via: text().notNull().default('rep'),
    /** The CRM a `crm` touch was logged in (`hubspot`, `pipedrive`, `salesforce`, `calendly`). */
    system: text(),
  },
  (t) => [index('touches_lead_idx').on(t.leadId, t.at)],
)

export const dispositions = sqliteTable(
  'dispositions',
  {
    id: text().primaryKey(),
    leadId: text().notNull(),
    actorId: text(),
    outcome: text().notNull(),
    reason: text(),
    note: text(),
    amount: real(),
    at: integer().notNull(),
    /** The CRM that reported this outcome; null when a rep or admin set it in Handoff. */
    system: text(),
  },
  (t) => [index('dispositions_lead_idx').on(t.leadId, t.at), index('dispositions_outcome_idx').on(t.outcome, t.at)],
)

/** The journey: an append-only log of everything that happened to a lead. */
export const leadHistory = sqliteTable(
  'lead_history',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    leadId: text().notNull(),
    at: integer().notNull(),
    kind: text().notNull(),
    actor: text(),
    data: text({ mode: 'json' })
      .notNull()
      .default(sql`'{}'`),
  },
  (t) => [index('lead_history_lead_idx').on(t.leadId, t.at)],
)

/** Small key/value settings (e.g. monthly MQL target). */
export const settings = sqliteTable('settings', {
  key: text().primaryKey(),
  value: text({ mode: 'json' }).notNull(),
})

/** Who changed which configuration (criteria, reps, pools, tokens, …) or reassigned a lead, and when. Append-only. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: integer().notNull(),
    /** `<resource>.<verb>`, e.g. `rep.update`, `criteria.restore`, `lead.reassign`. */
    action: text().notNull(),
    actorName: text().notNull(),
    actorRole: text().notNull(),
    tokenId: text(),
    repId: text(),
    targetType: text().notNull(),
    targetId: text(),
    /** `METHOD path`. */
    request: text().notNull(),
    /** JSON: a few non-secret facts (a reason, a version, an apply mode). */
    detail: text({ mode: 'json' })
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'`),
  },
  (t) => [index('audit_log_action_idx').on(t.action, t.id)],
)
