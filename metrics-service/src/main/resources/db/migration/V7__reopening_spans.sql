-- Reopen rate, first-contact resolution and resolution time read the resolution rollups, whose
-- counters date every resolution where it happened and say what became of it since (it follows an
-- earlier resolution; the ticket's first resolution was reopened). What a period [from, to) must
-- correct is held by the episodes in flight at its two ends, each found by one GiST probe:
--   * follow_span (previous_resolved_at, resolved_at]: contains `from` when the resolution is the
--     period's first of a ticket last resolved before it;
--   * reopen_span (resolved_at, reopened_at]: contains `to` when the resolution was reopened at or
--     after the period's end (it was in force at `to`).
-- Their cost grows with the tickets in flight at an instant, not with the period's resolutions, so
-- the two btree indexes that listed the period's reopened and repeated resolutions go.
ALTER TABLE ticket_episode
    ADD COLUMN follow_span tstzrange GENERATED ALWAYS AS (
        CASE WHEN previous_resolved_at IS NULL THEN NULL
             ELSE tstzrange(previous_resolved_at, greatest(previous_resolved_at, resolved_at), '(]') END) STORED,
    ADD COLUMN reopen_span tstzrange GENERATED ALWAYS AS (
        CASE WHEN reopened_at IS NULL THEN NULL
             ELSE tstzrange(resolved_at, greatest(resolved_at, reopened_at), '(]') END) STORED;
-- The indexes' predicates name the spans themselves: a probe `span @> instant` implies them (the
-- operator is strict), so the planner uses them without repeating the condition.
CREATE INDEX ticket_episode_follow_span ON ticket_episode USING gist (tenant_id, follow_span)
    WHERE follow_span IS NOT NULL;
CREATE INDEX ticket_episode_reopen_span ON ticket_episode USING gist (tenant_id, reopen_span)
    WHERE reopen_span IS NOT NULL;
DROP INDEX ticket_episode_reopened;
DROP INDEX ticket_episode_repeat;
