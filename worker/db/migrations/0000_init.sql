CREATE TABLE `accounts` (
	`domain` text PRIMARY KEY NOT NULL,
	`name` text,
	`owner_rep_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`dedupe_key` text NOT NULL,
	`lead_id` text NOT NULL,
	`assignment_id` text,
	`milestone` text NOT NULL,
	`recipient` text,
	`channel_id` text,
	`payload` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_dedupeKey_unique` ON `alerts` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `alerts_due_idx` ON `alerts` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `alerts_lead_idx` ON `alerts` (`lead_id`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`lead_id` text NOT NULL,
	`rep_id` text,
	`pool_id` text,
	`rule` text NOT NULL,
	`reason` text NOT NULL,
	`assigned_at` integer NOT NULL,
	`ended_at` integer,
	`end_reason` text
);
--> statement-breakpoint
CREATE INDEX `assignments_lead_idx` ON `assignments` (`lead_id`);--> statement-breakpoint
CREATE INDEX `assignments_rep_idx` ON `assignments` (`rep_id`,`assigned_at`);--> statement-breakpoint
CREATE INDEX `assignments_assigned_idx` ON `assignments` (`assigned_at`,`lead_id`);--> statement-breakpoint
CREATE INDEX `assignments_lead_time_idx` ON `assignments` (`lead_id`,`assigned_at`);--> statement-breakpoint
CREATE TABLE `calendars` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`time_zone` text NOT NULL,
	`schedule` text NOT NULL,
	`holidays` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `channels` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`url` text NOT NULL,
	`secret` text
);
--> statement-breakpoint
CREATE TABLE `criteria_versions` (
	`version` integer PRIMARY KEY NOT NULL,
	`document` text NOT NULL,
	`note` text,
	`author` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`restored_from` integer
);
--> statement-breakpoint
CREATE TABLE `dispositions` (
	`id` text PRIMARY KEY NOT NULL,
	`lead_id` text NOT NULL,
	`actor_id` text,
	`outcome` text NOT NULL,
	`reason` text,
	`note` text,
	`amount` real,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dispositions_lead_idx` ON `dispositions` (`lead_id`,`at`);--> statement-breakpoint
CREATE INDEX `dispositions_outcome_idx` ON `dispositions` (`outcome`,`at`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`type` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`properties` text DEFAULT '{}' NOT NULL,
	`received_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_clientId_unique` ON `events` (`client_id`);--> statement-breakpoint
CREATE INDEX `events_lead_time_idx` ON `events` (`lead_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `intake_sources` (
	`key` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`source` text NOT NULL,
	`campaign` text,
	`redirect_url` text,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `lead_crm_refs` (
	`system` text NOT NULL,
	`ref_id` text NOT NULL,
	`lead_id` text NOT NULL,
	PRIMARY KEY(`system`, `ref_id`)
);
--> statement-breakpoint
CREATE INDEX `lead_crm_refs_lead_idx` ON `lead_crm_refs` (`lead_id`);--> statement-breakpoint
CREATE TABLE `lead_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`actor` text,
	`data` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `lead_history_lead_idx` ON `lead_history` (`lead_id`,`at`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`email_norm` text NOT NULL,
	`email` text NOT NULL,
	`first_name` text,
	`last_name` text,
	`title` text,
	`phone` text,
	`linkedin_url` text,
	`linkedin_slug` text,
	`company_name` text,
	`company_domain` text,
	`industry` text,
	`employees` integer,
	`country` text,
	`source` text,
	`campaign` text,
	`message` text,
	`fields` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`score_total` real DEFAULT 0 NOT NULL,
	`score_fit` real DEFAULT 0 NOT NULL,
	`score_engagement` real DEFAULT 0 NOT NULL,
	`score_breakdown` text DEFAULT '[]' NOT NULL,
	`criteria_version` integer,
	`hot` integer DEFAULT false NOT NULL,
	`disqualified_reason` text,
	`why_now` text,
	`mql_at` integer,
	`sql_at` integer,
	`assignee_id` text,
	`assigned_at` integer,
	`first_touch_at` integer,
	`outcome_at` integer,
	`won_amount` real,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leads_emailNorm_unique` ON `leads` (`email_norm`);--> statement-breakpoint
CREATE INDEX `leads_linkedin_slug_idx` ON `leads` (`linkedin_slug`);--> statement-breakpoint
CREATE INDEX `leads_company_domain_idx` ON `leads` (`company_domain`);--> statement-breakpoint
CREATE INDEX `leads_assignee_status_idx` ON `leads` (`assignee_id`,`status`);--> statement-breakpoint
CREATE INDEX `leads_created_idx` ON `leads` (`created_at`);--> statement-breakpoint
CREATE INDEX `leads_source_created_idx` ON `leads` (`source`,`created_at`);--> statement-breakpoint
CREATE INDEX `leads_status_idx` ON `leads` (`status`);--> statement-breakpoint
CREATE INDEX `leads_mql_at_idx` ON `leads` (`mql_at`);--> statement-breakpoint
CREATE TABLE `pool_members` (
	`pool_id` text NOT NULL,
	`rep_id` text NOT NULL,
	`weight` integer,
	PRIMARY KEY(`pool_id`, `rep_id`)
);
--> statement-breakpoint
CREATE TABLE `pools` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`respect_working_hours` integer DEFAULT false NOT NULL,
	`fallback_rep_id` text,
	`rr_state` text DEFAULT '{}' NOT NULL,
	`rr_version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reps` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`role` text DEFAULT 'rep' NOT NULL,
	`manager_id` text,
	`time_zone` text DEFAULT 'UTC' NOT NULL,
	`calendar_id` text,
	`active` integer DEFAULT true NOT NULL,
	`out_of_office` text DEFAULT '[]' NOT NULL,
	`capacity` integer,
	`weight` integer DEFAULT 1 NOT NULL,
	`channel_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reps_email_unique` ON `reps` (`email`);--> statement-breakpoint
CREATE INDEX `reps_manager_idx` ON `reps` (`manager_id`);--> statement-breakpoint
CREATE TABLE `routing_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`conditions` text DEFAULT '[]' NOT NULL,
	`pool_id` text,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sla_clocks` (
	`id` text PRIMARY KEY NOT NULL,
	`lead_id` text NOT NULL,
	`assignment_id` text NOT NULL,
	`rep_id` text,
	`policy_id` text,
	`policy_name` text NOT NULL,
	`started_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`met_at` integer,
	`stopped_at` integer,
	`breached_at` integer,
	`next_milestone` integer DEFAULT 0 NOT NULL,
	`next_check_at` integer,
	`plan` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sla_clocks_assignmentId_unique` ON `sla_clocks` (`assignment_id`);--> statement-breakpoint
CREATE INDEX `sla_clocks_next_check_idx` ON `sla_clocks` (`next_check_at`);--> statement-breakpoint
CREATE INDEX `sla_clocks_lead_idx` ON `sla_clocks` (`lead_id`);--> statement-breakpoint
CREATE INDEX `sla_clocks_started_idx` ON `sla_clocks` (`started_at`);--> statement-breakpoint
CREATE TABLE `sla_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	`conditions` text DEFAULT '[]' NOT NULL,
	`duration_minutes` integer NOT NULL,
	`business_hours` integer DEFAULT true NOT NULL,
	`warnings` text DEFAULT '[0.5,0.8]' NOT NULL,
	`escalation` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`role` text NOT NULL,
	`rep_id` text,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`created_by` text,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tokens_tokenHash_unique` ON `tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `touches` (
	`id` text PRIMARY KEY NOT NULL,
	`lead_id` text NOT NULL,
	`rep_id` text,
	`channel` text NOT NULL,
	`note` text,
	`at` integer NOT NULL,
	`via` text DEFAULT 'rep' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `touches_lead_idx` ON `touches` (`lead_id`,`at`);