-- What each fact contributes to the metrics, at the instant it counts (see Contribution.java).
-- A query reads rollups for whole buckets and these rows only for the edges of its period.
CREATE TABLE contribution (
    tenant_id    text        NOT NULL,
    source       text        NOT NULL,
    aggregate_id text        NOT NULL,
    family       text        NOT NULL,
    scope        text        NOT NULL,
    at           timestamptz NOT NULL,
    channel      text,
    team         text,
    agent        text,
    touchpoint   text,
    locale       text,
    customer_id  text,
    c            float8[]    NOT NULL,
    h            jsonb
);
CREATE INDEX contribution_aggregate ON contribution (tenant_id, source, aggregate_id);
CREATE INDEX contribution_time ON contribution (tenant_id, family, at);
CREATE INDEX contribution_customer ON contribution (tenant_id, customer_id) WHERE customer_id IS NOT NULL;

-- Sums of contributions per bucket (grain 1 = UTC hour, 2 = day and 3 = month in the tenant's zone),
-- family, survey (scope) and dimension value. dim '' is the total; dim_value '' is "no value".
-- c: the family's counters in fixed positions (Layout.java); h: sparse histogram bins, if any.
-- A change adds its difference in SQL (cx_add, cx_hist_add), so nothing is read back to merge.
CREATE TABLE rollup (
    tenant_id text        NOT NULL,
    family    text        NOT NULL,
    dim       text        NOT NULL,
    grain     smallint    NOT NULL,
    bucket    timestamptz NOT NULL,
    scope     text        NOT NULL,
    dim_value text        NOT NULL,
    c         float8[]    NOT NULL,
    h         jsonb,
    PRIMARY KEY (tenant_id, family, dim, grain, bucket, scope, dim_value)
);

-- The latest version applied per aggregate; deleted aggregates stay as tombstones so that a late,
-- older event cannot bring them back.
CREATE TABLE aggregate_version (
    tenant_id    text    NOT NULL,
    source       text    NOT NULL,
    aggregate_id text    NOT NULL,
    version      bigint  NOT NULL,
    deleted      boolean NOT NULL,
    PRIMARY KEY (tenant_id, source, aggregate_id)
);

-- Every resolution of a ticket and when it was reopened (null: still resolved).
CREATE TABLE ticket_episode (
    tenant_id   text             NOT NULL,
    ticket_id   text             NOT NULL,
    resolved_at timestamptz      NOT NULL,
    reopened_at timestamptz,
    seconds     double precision NOT NULL,
    channel     text,
    team        text,
    agent       text
);
CREATE INDEX ticket_episode_ticket ON ticket_episode (tenant_id, ticket_id);
CREATE INDEX ticket_episode_reopened ON ticket_episode (tenant_id, resolved_at) WHERE reopened_at IS NOT NULL;

CREATE TABLE customer_fact (
    tenant_id   text        NOT NULL,
    customer_id text        NOT NULL,
    since       timestamptz NOT NULL,
    churned_at  timestamptz,
    referred    boolean     NOT NULL,
    PRIMARY KEY (tenant_id, customer_id)
);
CREATE INDEX customer_fact_since ON customer_fact (tenant_id, since);

-- The time zone the tenant's day and month buckets are cut in.
CREATE TABLE tenant_calendar (
    tenant_id text PRIMARY KEY,
    zone      text NOT NULL
);

-- Element-wise sum of two counter arrays of one layout.
CREATE FUNCTION cx_add(a float8[], b float8[]) RETURNS float8[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i)
$$;

-- Sum of two histogram objects {"name": {"bin": count}}; bins that reach 0 disappear.
CREATE FUNCTION cx_hist_add(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a ELSE (
        SELECT jsonb_object_agg(name, bins) FROM (
            SELECT name, jsonb_object_agg(bin, total) AS bins FROM (
                SELECT hs.key AS name, bn.key AS bin, sum(bn.value::bigint) AS total
                FROM (SELECT * FROM jsonb_each(a) UNION ALL SELECT * FROM jsonb_each(b)) AS hs,
                     jsonb_each_text(hs.value) AS bn
                GROUP BY 1, 2 HAVING sum(bn.value::bigint) <> 0) AS s
            GROUP BY name) AS t) END
$$;
