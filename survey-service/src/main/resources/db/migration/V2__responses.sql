-- Answers to a survey, keyed by the tenant's own id within the survey (re-imports update).
CREATE TABLE response (
    tenant_id    text             NOT NULL,
    survey_id    uuid             NOT NULL REFERENCES survey (id),
    response_key text             NOT NULL,
    score        double precision NOT NULL,
    comment      text,
    customer_id  text,
    ticket_id    text,
    agent_id     text,
    channel      text,
    touchpoint   text,
    locale       text,
    submitted_at timestamptz      NOT NULL,
    created_at   timestamptz      NOT NULL,
    updated_at   timestamptz      NOT NULL,
    PRIMARY KEY (tenant_id, survey_id, response_key)
);
CREATE INDEX response_submitted ON response (tenant_id, survey_id, submitted_at, response_key);
CREATE INDEX response_customer ON response (tenant_id, customer_id) WHERE customer_id IS NOT NULL;

-- Idempotency-Key of a server-side submission: a retry answers the first result.
CREATE TABLE response_idempotency (
    tenant_id       text        NOT NULL,
    idempotency_key text        NOT NULL,
    survey_id       uuid        NOT NULL,
    response_key    text        NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);

-- Changes leave through this outbox (libs/outbox), written in the same transaction as the change.
CREATE TABLE outbox_event (
    id           uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL,
    type         text        NOT NULL,
    aggregate_id text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL,
    published_at timestamptz,
    zone         text        NOT NULL DEFAULT 'UTC'
);
CREATE INDEX outbox_event_unpublished ON outbox_event (created_at) WHERE published_at IS NULL;
