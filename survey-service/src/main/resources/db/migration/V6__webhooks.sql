-- Outgoing webhooks (Standard Webhooks): a tenant's endpoints, the messages its events made, and
-- one delivery of each message to each subscribed endpoint, retried from here until it succeeds or
-- its retry schedule runs out.

-- An endpoint: where to POST, which event types, and its signing secret (sealed like the SMTP
-- password). After a rotation the previous secret still signs until previous_secret_until, so a
-- receiver can switch over without dropping a message.
CREATE TABLE webhook_endpoint (
    tenant_id              text        NOT NULL,
    id                     uuid        NOT NULL,
    url                    text        NOT NULL,
    description            text,
    event_types            text[]      NOT NULL,
    enabled                boolean     NOT NULL,
    disabled_at            timestamptz,
    disabled_reason        text,
    secret_sealed          text        NOT NULL,
    previous_secret_sealed text,
    previous_secret_until  timestamptz,
    -- The first failure since the last success: null while the endpoint answers.
    failing_since          timestamptz,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- One event, with the exact body every delivery sends (the signature covers these bytes). An event
-- is made once per (type, key): a response answered twice is one response.created.
CREATE TABLE webhook_message (
    tenant_id   text        NOT NULL,
    id          uuid        NOT NULL,
    event_type  text        NOT NULL,
    event_key   text        NOT NULL,
    -- The customer the event is about, so that an erasure removes it with the rest of them.
    customer_id text,
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, event_type, event_key)
);

CREATE INDEX webhook_message_customer ON webhook_message (tenant_id, customer_id) WHERE customer_id IS NOT NULL;

-- A message on its way to an endpoint: pending (next_attempt_at says when), succeeded or failed.
-- schedule_start is the number of attempts made when the retry schedule last began (a redelivery
-- begins it again).
CREATE TABLE webhook_delivery (
    tenant_id       text        NOT NULL,
    id              uuid        NOT NULL,
    endpoint_id     uuid        NOT NULL,
    message_id      uuid        NOT NULL,
    status          text        NOT NULL,
    attempts        integer     NOT NULL,
    schedule_start  integer     NOT NULL,
    next_attempt_at timestamptz,
    created_at      timestamptz NOT NULL,
    completed_at    timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, endpoint_id, message_id),
    FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoint (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, message_id) REFERENCES webhook_message (tenant_id, id) ON DELETE CASCADE
);

CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (tenant_id, endpoint_id, created_at DESC, id);

-- Every try: what the receiver answered (status, the start of its body) or why there was no answer.
CREATE TABLE webhook_attempt (
    tenant_id    text        NOT NULL,
    delivery_id  uuid        NOT NULL,
    attempt      integer     NOT NULL,
    attempted_at timestamptz NOT NULL,
    status_code  integer,
    latency_ms   integer     NOT NULL,
    answer       text,
    error        text,
    PRIMARY KEY (tenant_id, delivery_id, attempt),
    FOREIGN KEY (tenant_id, delivery_id) REFERENCES webhook_delivery (tenant_id, id) ON DELETE CASCADE
);
