-- Outbound events (issue 10): a webhook channel that lists event types is a subscriber, and receives each
-- listed lead event (`lead.assigned`, `lead.sla_breached`, …) as a signed Standard Webhooks message.
ALTER TABLE `channels` ADD `events` text DEFAULT '[]' NOT NULL;
