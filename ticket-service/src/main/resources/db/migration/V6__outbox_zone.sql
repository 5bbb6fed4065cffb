-- The tenant's time zone when the change was made: metrics-service cuts the tenant's day and month
-- buckets in it, so the relay names it in the token of each delivery.
ALTER TABLE outbox_event ADD COLUMN zone text NOT NULL DEFAULT 'UTC';
