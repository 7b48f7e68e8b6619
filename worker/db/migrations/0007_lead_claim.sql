-- The hand-off writes in one guarded batch (issue 12): its claim stamps the lead with the new assignment's id,
-- and every later statement of the batch (assignment, clock, journey, alerts) writes only while the lead
-- carries that stamp. Of two concurrent hand-offs exactly one claim wins, and the loser's batch writes nothing.
ALTER TABLE `leads` ADD `claim_id` text;
