-- A criteria job whose chunk kept failing after the queue's retries ends `failed` with the error (issue 12).
ALTER TABLE `criteria_jobs` ADD `error` text;
