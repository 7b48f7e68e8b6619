-- Signed webhook sources (issue 10): one intake source per system, with its own secret.
-- Form sources keep their public key; every source's `key` is its id.
ALTER TABLE `intake_sources` ADD `kind` text DEFAULT 'form' NOT NULL;
--> statement-breakpoint
-- JSON: the kind's settings (Salesforce organizationId, Pipedrive username, Typeform field map, owner policy).
ALTER TABLE `intake_sources` ADD `settings` text DEFAULT '{}' NOT NULL;
--> statement-breakpoint
-- HMAC keys (HubSpot, Calendly, Typeform) are kept as given: verifying needs them. Passwords and URL
-- secrets (Pipedrive, Salesforce) are kept only as SHA-256.
ALTER TABLE `intake_sources` ADD `secret` text;
--> statement-breakpoint
ALTER TABLE `intake_sources` ADD `secret_hash` text;
--> statement-breakpoint
ALTER TABLE `intake_sources` ADD `created_at` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Deliveries already applied, per source: a replay is acknowledged and changes nothing.
CREATE TABLE `webhook_deliveries` (
  `source_key` text NOT NULL,
  `delivery_id` text NOT NULL,
  `received_at` integer NOT NULL,
  PRIMARY KEY(`source_key`, `delivery_id`)
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_received_idx` ON `webhook_deliveries` (`received_at`);
--> statement-breakpoint
-- CRM records seen before Handoff knows their email (a HubSpot contact.creation carries none): their
-- properties wait here until the email arrives, then the lead is created with them.
CREATE TABLE `crm_pending` (
  `system` text NOT NULL,
  `ref_id` text NOT NULL,
  `properties` text DEFAULT '{}' NOT NULL,
  `updated_at` integer NOT NULL,
  PRIMARY KEY(`system`, `ref_id`)
);
--> statement-breakpoint
-- CRM deals and the lead (person/contact) they belong to, so a stage change can close the loop.
CREATE TABLE `crm_deals` (
  `system` text NOT NULL,
  `deal_id` text NOT NULL,
  `lead_id` text,
  `amount` real,
  `stage` text,
  `updated_at` integer NOT NULL,
  PRIMARY KEY(`system`, `deal_id`)
);
--> statement-breakpoint
-- Reps' ids in the CRMs (`hubspot:123`, `pipedrive:45`, `salesforce:005…`), JSON array.
ALTER TABLE `reps` ADD `crm_owner_ids` text DEFAULT '[]' NOT NULL;
--> statement-breakpoint
-- Which system a touch or an outcome came from (`hubspot`, `salesforce`…; null: Handoff itself).
ALTER TABLE `touches` ADD `system` text;
--> statement-breakpoint
ALTER TABLE `dispositions` ADD `system` text;
