-- Per-alert delivery claims (issue 11): an alert being sent is `sending`, held by one tick until `lease_until`.
-- `state` has no CHECK constraint, so the new value needs no table rebuild.
ALTER TABLE `alerts` ADD `lease_owner` text;
--> statement-breakpoint
ALTER TABLE `alerts` ADD `lease_until` integer;
--> statement-breakpoint
CREATE INDEX `alerts_lease_idx` ON `alerts` (`state`,`lease_until`);
