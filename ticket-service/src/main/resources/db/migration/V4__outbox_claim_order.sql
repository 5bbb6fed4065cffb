-- The relay claims unpublished events ordered by (created_at, id). Every event of one import shares
-- its transaction's created_at, so with an index on created_at alone each claim sorted the whole
-- backlog; in this order the claim reads only the rows it takes.
DROP INDEX outbox_event_unpublished;
CREATE INDEX outbox_event_unpublished ON outbox_event (created_at, id) WHERE published_at IS NULL;
