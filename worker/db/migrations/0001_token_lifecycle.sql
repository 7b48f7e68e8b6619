-- Token lifecycle: optional expiry and the last time a token was used (issue 11).
ALTER TABLE `tokens` ADD `expires_at` integer;
--> statement-breakpoint
ALTER TABLE `tokens` ADD `last_used_at` integer;
