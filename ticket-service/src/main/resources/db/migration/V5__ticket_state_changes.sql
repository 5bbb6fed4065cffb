-- Tickets whose status just changed, waiting to be reported to survey-service (which sends the
-- surveys a resolution triggers, and cancels them on a reopening). One row per ticket holds its
-- latest state, written with the ticket in its transaction; a newer change replaces it and bumps
-- its version. A reporter leases rows (next_attempt_at moves ahead) instead of holding locks during
-- its call, and deletes a row only if its version is still the one it reported, so a change made
-- meanwhile is reported after, never lost or overtaken.
CREATE TABLE ticket_state_change (
    tenant_id       text        NOT NULL,
    ticket_key      text        NOT NULL,
    version         integer     NOT NULL DEFAULT 1,
    resolved        boolean     NOT NULL,
    resolved_at     timestamptz,
    recorded_at     timestamptz NOT NULL,
    zone            text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, ticket_key)
);
CREATE INDEX ticket_state_change_due ON ticket_state_change (next_attempt_at);
