-- What the first request with an Idempotency-Key asked for (SHA-256 of the survey and the submitted
-- response as read): a retry must ask the same, and a different request under a used key is refused
-- instead of silently answered with the first result.
ALTER TABLE response_idempotency ADD COLUMN fingerprint text;
