-- A ticket is one conversation on one channel, named by the tenant's own id. Besides its history
-- (ticket_event) it keeps the facts the history adds up to, so that reads need no replay.
CREATE TABLE ticket (
    id                uuid        PRIMARY KEY,
    tenant_id         text        NOT NULL,
    ticket_key        text        NOT NULL,
    channel           text        NOT NULL,
    subject           text,
    priority          text        NOT NULL,
    team              text,
    customer_id       text,
    tags              text[]      NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL,
    status            text        NOT NULL,
    assignee          text,
    first_assigned_at timestamptz,
    first_assignee    text,
    first_reply_at    timestamptz,
    first_reply_agent text,
    resolved_at       timestamptz,
    reopen_count      integer     NOT NULL DEFAULT 0,
    queued_at         timestamptz,
    answered_at       timestamptz,
    answered_by       text,
    abandoned_at      timestamptz,
    blocked_at        timestamptz,
    talk_seconds      integer,
    hold_seconds      integer,
    wrap_up_seconds   integer,
    handled_at        timestamptz,
    version           integer     NOT NULL DEFAULT 0,
    updated_at        timestamptz NOT NULL,
    CONSTRAINT ticket_tenant_key UNIQUE (tenant_id, ticket_key)
);

CREATE INDEX ticket_tenant_created ON ticket (tenant_id, created_at DESC, id DESC);
CREATE INDEX ticket_tenant_status ON ticket (tenant_id, status);
CREATE INDEX ticket_tenant_assignee ON ticket (tenant_id, assignee);
CREATE INDEX ticket_tenant_customer ON ticket (tenant_id, customer_id);

CREATE TABLE ticket_event (
    ticket_id       uuid        NOT NULL REFERENCES ticket (id) ON DELETE CASCADE,
    seq             integer     NOT NULL,
    tenant_id       text        NOT NULL,
    type            text        NOT NULL,
    at              timestamptz NOT NULL,
    agent_id        text,
    status          text,
    talk_seconds    integer,
    hold_seconds    integer,
    wrap_up_seconds integer,
    PRIMARY KEY (ticket_id, seq)
);

-- Changes leave through this outbox, written in the same transaction as the change itself.
CREATE TABLE outbox_event (
    id           uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL,
    type         text        NOT NULL,
    aggregate_id text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL,
    published_at timestamptz
);

CREATE INDEX outbox_event_unpublished ON outbox_event (created_at) WHERE published_at IS NULL;
