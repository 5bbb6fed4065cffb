-- metrics-service schema. Design notes: docs/design/rollups.md, docs/design/histograms.md.
--
-- Identifier columns (tenants, aggregates, events, families, dimensions and their values) compare
-- byte by byte (COLLATE "C") whatever the database's default collation: they are keys, matched for
-- equality and kept in B-trees that every batch walks thousands of times, never ordered for people;
-- under a linguistic collation each comparison would go through the locale.

-- Every event the producers delivered, once: the primary key makes redelivery a no-op. An applied
-- event lives on in the facts it became, so its payload is dropped; only events of types this
-- version does not read keep theirs, for a later version to apply (erasure scrubs those too).
CREATE TABLE received_event (
    tenant_id   text COLLATE "C" NOT NULL,
    event_id    text COLLATE "C" NOT NULL,
    type        text COLLATE "C" NOT NULL,
    occurred_at timestamptz      NOT NULL,
    received_at timestamptz      NOT NULL,
    payload     jsonb,
    PRIMARY KEY (tenant_id, event_id)
);
-- Only rows with a kept payload: normal events add nothing to it, and the erasure's scrub reads a handful.
CREATE INDEX received_event_kept_payload ON received_event (tenant_id) WHERE payload IS NOT NULL;

-- What each delivery stored, added to one of a few slots of its tenant in the same transaction (the
-- slot picked at random so that concurrent deliveries seldom wait on one row). Freshness sums the
-- slots: a handful of rows whatever the history.
CREATE TABLE received_counter (
    tenant_id        text COLLATE "C" NOT NULL,
    slot             smallint         NOT NULL,
    received         bigint           NOT NULL,
    last_received_at timestamptz      NOT NULL,
    latest_event_at  timestamptz      NOT NULL,
    -- from the producer's change to its application, for the latest change of the slot's latest delivery
    last_lag_seconds float8           NOT NULL,
    PRIMARY KEY (tenant_id, slot)
);

-- The latest version applied per aggregate: the gate (older versions are skipped) and the lock (two
-- deliveries of one aggregate never apply at once). Deleted aggregates stay as tombstones so that a
-- late, older event cannot bring them back.
CREATE TABLE aggregate_version (
    tenant_id    text COLLATE "C" NOT NULL,
    source       text COLLATE "C" NOT NULL,
    aggregate_id text COLLATE "C" NOT NULL,
    version      bigint           NOT NULL,
    deleted      boolean          NOT NULL,
    PRIMARY KEY (tenant_id, source, aggregate_id)
);

-- What each fact contributes to a family of metrics at the instant it counts (facts/Contribution):
-- c holds the family's counters in the positions of its layout (rollup/Layout), h a few histogram
-- bins as {"histogram": {"bin": count}}. A query reads rollups for whole buckets and these rows
-- only for the edges of its period.
CREATE TABLE contribution (
    tenant_id    text COLLATE "C" NOT NULL,
    source       text COLLATE "C" NOT NULL,
    aggregate_id text COLLATE "C" NOT NULL,
    family       text COLLATE "C" NOT NULL,
    scope        text COLLATE "C" NOT NULL,
    at           timestamptz      NOT NULL,
    channel      text COLLATE "C",
    team         text COLLATE "C",
    agent        text COLLATE "C",
    touchpoint   text COLLATE "C",
    locale       text COLLATE "C",
    customer_id  text COLLATE "C",
    c            float8[]         NOT NULL,
    h            jsonb
);
CREATE INDEX contribution_aggregate ON contribution (tenant_id, source, aggregate_id);
CREATE INDEX contribution_time ON contribution (tenant_id, family, at);
CREATE INDEX contribution_customer ON contribution (tenant_id, customer_id) WHERE customer_id IS NOT NULL;

-- Sums of contributions per bucket, family, survey (scope) and dimension value. Grains: 1 = UTC
-- hour (totals only), 2 = day, 3 = month, 4 = quarter, cut in the tenant's zone (survey families
-- keep no quarter rows). dim '' is the total; dim_value '' is "no value". c: the counters, added
-- element by element; h1..h4: the family's histograms in layout order, each a list of bins and
-- counts sorted by bin ('-4,1,12,7,300,2'), merged by cx_bins_add. Every change adds its difference
-- in SQL without reading the row back, so a rollup is always exactly the sum of its facts.
-- Rows are updated over and over: pages keep 30 % free so that most updates are HOT (no new
-- entry in the seven-column key).
CREATE TABLE rollup (
    tenant_id text COLLATE "C" NOT NULL,
    family    text COLLATE "C" NOT NULL,
    dim       text COLLATE "C" NOT NULL,
    grain     smallint         NOT NULL,
    bucket    timestamptz      NOT NULL,
    scope     text COLLATE "C" NOT NULL,
    dim_value text COLLATE "C" NOT NULL,
    c         float8[]         NOT NULL,
    h1        text,
    h2        text,
    h3        text,
    h4        text,
    PRIMARY KEY (tenant_id, family, dim, grain, bucket, scope, dim_value)
) WITH (fillfactor = 70);

-- The time zone the tenant's day, month and quarter buckets are cut in.
CREATE TABLE tenant_calendar (
    tenant_id text COLLATE "C" PRIMARY KEY,
    zone      text             NOT NULL
);

CREATE TABLE customer_fact (
    tenant_id   text COLLATE "C" NOT NULL,
    customer_id text COLLATE "C" NOT NULL,
    since       timestamptz      NOT NULL,
    churned_at  timestamptz,
    referred    boolean          NOT NULL,
    PRIMARY KEY (tenant_id, customer_id)
);
CREATE INDEX customer_fact_since ON customer_fact (tenant_id, since);

-- Every resolution of a ticket and when it was reopened (null: still resolved), with the ticket's
-- first assignment.
--
-- Resolution rate counts a ticket in the period of its first assignment A, as resolved when it is
-- resolved at the period's end `to`. The assignment rollup counts it as resolved when it is
-- resolved now; that is wrong only for tickets whose resolved state changed at or after `to`, and
-- each such ticket has exactly one episode whose rate_span contains `to`:
--   * its lasting resolution, resolved at or after `to` although assigned before: counted as
--     resolved, it was not yet: -1. Span (A, resolved_at].
--   * a resolution in force at `to` and reopened later: counted as unresolved, it was resolved: +1.
--     Span (max(A, resolved_at), reopened_at].
-- So resolved(to) = the rollup sum plus the signs of the episodes whose span contains `to`: a GiST
-- probe whose cost grows with the tickets in flight at `to`, not with the tickets of the period.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE ticket_episode (
    tenant_id   text COLLATE "C" NOT NULL,
    ticket_id   text COLLATE "C" NOT NULL,
    resolved_at timestamptz      NOT NULL,
    reopened_at timestamptz,
    seconds     double precision NOT NULL,
    channel     text COLLATE "C",
    team        text COLLATE "C",
    agent       text COLLATE "C",
    assigned_at timestamptz,
    assignee    text COLLATE "C",
    rate_span   tstzrange GENERATED ALWAYS AS (
        CASE
            WHEN assigned_at IS NULL THEN NULL
            WHEN reopened_at IS NULL THEN tstzrange(assigned_at, greatest(assigned_at, resolved_at), '(]')
            ELSE tstzrange(greatest(assigned_at, resolved_at), greatest(assigned_at, resolved_at, reopened_at), '(]')
        END) STORED
);
CREATE INDEX ticket_episode_ticket ON ticket_episode (tenant_id, ticket_id);
CREATE INDEX ticket_episode_reopened ON ticket_episode (tenant_id, resolved_at) WHERE reopened_at IS NOT NULL;
CREATE INDEX ticket_episode_rate_span ON ticket_episode USING gist (tenant_id, rate_span) WHERE NOT isempty(rate_span);

-- The sum of two bin lists (NULL: none), bins that reach 0 left out, NULL when nothing is left.
-- A delta carries a few bins, so each is found in the row's list by binary search and added in
-- place; both lists are parsed as one int8[] literal and the sum printed by the array's own output.
CREATE FUNCTION cx_bins_add(a text, b text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    x int8[];
    d int8[];
    pairs int;
    lo int;
    hi int;
    mid int;
    bin int8;
    total int8;
BEGIN
    IF a IS NULL THEN
        RETURN b;
    END IF;
    IF b IS NULL THEN
        RETURN a;
    END IF;
    x := ('{' || a || '}')::int8[];
    d := ('{' || b || '}')::int8[];
    FOR i IN 1 .. cardinality(d) / 2 LOOP
        bin := d[2 * i - 1];
        pairs := cardinality(x) / 2;
        -- The first pair whose bin is not below this one.
        lo := 1;
        hi := pairs;
        WHILE lo <= hi LOOP
            mid := (lo + hi) / 2;
            IF x[2 * mid - 1] < bin THEN
                lo := mid + 1;
            ELSE
                hi := mid - 1;
            END IF;
        END LOOP;
        IF lo <= pairs AND x[2 * lo - 1] = bin THEN
            total := x[2 * lo] + d[2 * i];
            IF total = 0 THEN
                x := x[1 : 2 * lo - 2] || x[2 * lo + 1 :];
            ELSE
                x[2 * lo] := total;
            END IF;
        ELSE
            x := x[1 : 2 * lo - 2] || ARRAY[bin, d[2 * i]] || x[2 * lo - 1 :];
        END IF;
    END LOOP;
    RETURN CASE WHEN cardinality(x) = 0 THEN NULL ELSE btrim(x::text, '{}') END;
END
$$;
