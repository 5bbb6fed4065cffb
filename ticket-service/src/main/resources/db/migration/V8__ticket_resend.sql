-- Tenants whose stored tickets are sent to metrics-service again, each as a new version, in key order
-- from after_key on: metrics-service then derives every fact its metrics read (next-reply waits,
-- every resolution, first-contact resolution) from the full histories it was sent before it read them.
-- remaining: tickets still to send (what freshness reports as pending); zone: the tenant's time zone
-- the events carry, taken from its latest event.
CREATE TABLE ticket_resend (
    tenant_id    text        PRIMARY KEY,
    zone         text        NOT NULL,
    after_key    text        NOT NULL,
    remaining    bigint      NOT NULL,
    requested_at timestamptz NOT NULL
);

WITH zones AS (
    SELECT DISTINCT ON (tenant_id) tenant_id, zone FROM outbox_event ORDER BY tenant_id, created_at DESC)
INSERT INTO ticket_resend (tenant_id, zone, after_key, remaining, requested_at)
SELECT t.tenant_id, coalesce(min(z.zone), 'UTC'), '', count(*), now()
FROM ticket t LEFT JOIN zones z ON z.tenant_id = t.tenant_id
GROUP BY t.tenant_id;
