-- Retention (issue 12). Raw engagement events older than the retention window are folded: the events of one
-- lead, type and page/asset become one row that stands for `count` events between `first_occurred_at` and
-- `occurred_at`, so scoring and the brief still see them. The indexes let each cron tick find the oldest
-- rows of each table without a scan.
ALTER TABLE `events` ADD `count` integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
ALTER TABLE `events` ADD `first_occurred_at` integer;
--> statement-breakpoint
CREATE INDEX `events_raw_occurred_idx` ON `events` (`occurred_at`) WHERE first_occurred_at is null;
--> statement-breakpoint
CREATE INDEX `idempotency_keys_created_idx` ON `idempotency_keys` (`created_at`);
--> statement-breakpoint
CREATE INDEX `alerts_sent_idx` ON `alerts` (`state`,`sent_at`);
