-- One row per erasure request: the receipt a tenant polls, and the durable work item that carries the
-- erasure to survey-service (retried until it answers) and waits for metrics-service to apply it.
-- customer_key is cleared once every service has erased the customer, so the receipt itself keeps
-- no personal data; outbox_event_id is the customer.erased event that tells metrics-service.
CREATE TABLE customer_erasure (
    id               uuid        PRIMARY KEY,
    tenant_id        text        NOT NULL,
    customer_key     text,
    outbox_event_id  uuid        NOT NULL,
    requested_at     timestamptz NOT NULL,
    survey_erased_at timestamptz,
    metrics_erased_at timestamptz,
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL
);
CREATE INDEX customer_erasure_pending ON customer_erasure (next_attempt_at)
    WHERE survey_erased_at IS NULL OR metrics_erased_at IS NULL;
CREATE INDEX customer_erasure_tenant ON customer_erasure (tenant_id, requested_at);
