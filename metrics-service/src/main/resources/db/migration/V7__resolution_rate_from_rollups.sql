-- Resolution rate from rollups instead of a probe of every ticket assigned in the period.
--
-- A ticket counts in the period that contains its first assignment A, as resolved when it is
-- resolved at the period's end `to`. The assignment family is now rolled up at A with two counters,
-- assigned (1) and resolved (1 if the ticket is resolved now). That answer is wrong only for the
-- tickets whose resolved state changed at or after `to`, and each such ticket has exactly one
-- resolution episode whose span, below, contains `to`:
--   * its lasting resolution (never reopened), resolved at or after `to` although assigned before:
--     counted as resolved, it was not yet: -1. Span (A, resolved_at].
--   * a resolution in force at `to` and reopened later: counted as unresolved (or by its later
--     lasting resolution, which the span above takes back), it was resolved: +1. Span
--     (max(A, resolved_at), reopened_at].
-- So resolved(to) = rollup sum over A in [from, to) + the signs of the episodes with A >= from whose
-- span contains `to`: a GiST probe whose cost grows with the tickets in flight at `to`, not with the
-- tickets of the period. An empty span (resolved before the assignment) never needs a correction.
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE ticket_episode
    ADD COLUMN assigned_at timestamptz,
    ADD COLUMN assignee    text;

UPDATE ticket_episode e SET assigned_at = c.at, assignee = c.agent
FROM contribution c
WHERE c.tenant_id = e.tenant_id AND c.source = 'ticket' AND c.aggregate_id = e.ticket_id AND c.family = 'assignment';

ALTER TABLE ticket_episode ADD COLUMN rate_span tstzrange GENERATED ALWAYS AS (
    CASE
        WHEN assigned_at IS NULL THEN NULL
        WHEN reopened_at IS NULL THEN tstzrange(assigned_at, greatest(assigned_at, resolved_at), '(]')
        ELSE tstzrange(greatest(assigned_at, resolved_at), greatest(assigned_at, resolved_at, reopened_at), '(]')
    END) STORED;

CREATE INDEX ticket_episode_rate_span ON ticket_episode USING gist (tenant_id, rate_span) WHERE NOT isempty(rate_span);

-- The assignments already applied get their second counter, then their rollups, cut like
-- rollup/Rollups.java does: UTC hours, tenant-local days and months, the total and each dimension
-- (dimensions without hour rows, as V9 leaves them for all families).
UPDATE contribution c
SET c = ARRAY[c.c[1], CASE WHEN EXISTS (SELECT 1 FROM ticket_episode e WHERE e.tenant_id = c.tenant_id
                                        AND e.ticket_id = c.aggregate_id AND e.reopened_at IS NULL) THEN 1 ELSE 0 END]::float8[]
WHERE c.family = 'assignment';

INSERT INTO rollup (tenant_id, family, dim, grain, bucket, scope, dim_value, c, h)
SELECT c.tenant_id, 'assignment', d.dim, g.grain, g.bucket, c.scope, d.dim_value,
       ARRAY[sum(c.c[1]), sum(c.c[2])]::float8[], NULL
FROM contribution c
JOIN tenant_calendar t ON t.tenant_id = c.tenant_id
CROSS JOIN LATERAL (VALUES (1::smallint, date_trunc('hour', c.at, 'UTC')),
                           (2::smallint, date_trunc('day', c.at, t.zone)),
                           (3::smallint, date_trunc('month', c.at, t.zone))) AS g(grain, bucket)
CROSS JOIN LATERAL (VALUES ('', ''), ('channel', coalesce(c.channel, '')), ('team', coalesce(c.team, '')),
                           ('agent', coalesce(c.agent, ''))) AS d(dim, dim_value)
WHERE c.family = 'assignment' AND NOT (g.grain = 1 AND d.dim <> '')
GROUP BY 1, 2, 3, 4, 5, 6, 7;
