-- Freshness counted and took the maximum over every event the tenant ever sent: a sequential scan
-- that took 90 ms at 360,000 events and seconds at millions, on an endpoint dashboards poll.
-- Each delivery now adds what it stored to one of a few counter rows of its tenant, in the same
-- transaction; the slot is picked at random so that concurrent deliveries seldom wait on one row.
-- Freshness sums the slots: a handful of rows whatever the history.
CREATE TABLE received_counter (
    tenant_id        text        NOT NULL,
    slot             smallint    NOT NULL,
    received         bigint      NOT NULL,
    last_received_at timestamptz NOT NULL,
    latest_event_at  timestamptz NOT NULL,
    -- from the producer's change to its application, for the latest change of the slot's latest delivery
    last_lag_seconds float8      NOT NULL,
    PRIMARY KEY (tenant_id, slot)
);

INSERT INTO received_counter (tenant_id, slot, received, last_received_at, latest_event_at, last_lag_seconds)
SELECT r.tenant_id, 0, count(*), max(r.received_at), max(r.occurred_at),
       (SELECT extract(epoch FROM l.received_at - l.occurred_at)::float8 FROM received_event l
         WHERE l.tenant_id = r.tenant_id ORDER BY l.received_at DESC, l.occurred_at DESC LIMIT 1)
FROM received_event r
GROUP BY r.tenant_id;
