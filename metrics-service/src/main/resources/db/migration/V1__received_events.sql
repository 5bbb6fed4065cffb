-- Every event the producers delivered, once: the primary key makes redelivery a no-op.
CREATE TABLE received_event (
    tenant_id   text        NOT NULL,
    event_id    text        NOT NULL,
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    payload     jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, event_id)
);

CREATE INDEX received_event_tenant_received ON received_event (tenant_id, received_at);
