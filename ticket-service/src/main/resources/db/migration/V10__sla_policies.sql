-- SLA policies: targets for the first reply, each next reply and the resolution, in calendar or
-- business seconds, for the tickets whose priority and channel match (empty: any). A ticket follows
-- the first policy by position (then id) that matches; it travels with the ticket to metrics-service.
CREATE TABLE sla_policy (
    id          uuid        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    name        text        NOT NULL,
    position    integer     NOT NULL,
    priorities  text[]      NOT NULL,
    channels    text[]      NOT NULL,
    first_reply integer,
    next_reply  integer,
    resolution  integer,
    clock       text        NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX sla_policy_tenant ON sla_policy (tenant_id, position, id);
