-- Audit log (issue 14): who changed which configuration and when. Append-only; newest first by `id`.
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`action` text NOT NULL,
	`actor_name` text NOT NULL,
	`actor_role` text NOT NULL,
	`token_id` text,
	`rep_id` text,
	`target_type` text NOT NULL,
	`target_id` text,
	`request` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`id`);
