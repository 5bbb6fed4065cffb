CREATE TABLE scorecard (
    id          uuid        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    name        text        NOT NULL,
    categories  jsonb       NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE INDEX scorecard_tenant ON scorecard (tenant_id, created_at);

-- A colleague's review of an agent's conversation; score as METRICS.md defines it, null if nothing rated.
CREATE TABLE review (
    id           uuid             PRIMARY KEY,
    tenant_id    text             NOT NULL,
    review_key   text             NOT NULL,
    scorecard_id uuid             NOT NULL REFERENCES scorecard (id),
    ticket_key   text,
    agent_id     text             NOT NULL,
    reviewer     text,
    created_at   timestamptz      NOT NULL,
    ratings      jsonb            NOT NULL,
    score        double precision,
    updated_at   timestamptz      NOT NULL,
    CONSTRAINT review_tenant_key UNIQUE (tenant_id, review_key)
);
