-- ticket-service schema: agents and teams, tickets with their history, customers with purchases
-- and engagement, quality scorecards and reviews, and the outbox every change leaves through.
-- Everything the tenant names carries the tenant's own id (agent_id, ticket_key, ...) beside an
-- internal uuid, unique per tenant.

-- Agents exist from their first mention.
CREATE TABLE agent (
    id          uuid        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    agent_id    text        NOT NULL,
    name        text        NOT NULL,
    team        text,
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT agent_tenant_agent_id UNIQUE (tenant_id, agent_id)
);

-- Teams group agents and own tickets.
CREATE TABLE team (
    id          uuid        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    team_id     text        NOT NULL,
    name        text        NOT NULL,
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT team_tenant_team_id UNIQUE (tenant_id, team_id)
);

-- A ticket is one conversation on one channel. Besides its history (ticket_event) it keeps the
-- facts the history adds up to (tickets/TicketFacts), so that reads need no replay.
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

CREATE TABLE customer (
    id           uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL,
    customer_key text        NOT NULL,
    since        timestamptz NOT NULL,
    churned_at   timestamptz,
    referred     boolean     NOT NULL DEFAULT false,
    attributes   jsonb       NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT customer_tenant_key UNIQUE (tenant_id, customer_key),
    CHECK (churned_at IS NULL OR churned_at >= since)
);

-- Amounts in the tenant's currency.
CREATE TABLE purchase (
    customer_id uuid          NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    seq         integer       NOT NULL,
    tenant_id   text          NOT NULL,
    amount      numeric(14,4) NOT NULL,
    at          timestamptz   NOT NULL,
    PRIMARY KEY (customer_id, seq)
);

-- Engagement events name a customer by the tenant's id; the same event sent twice is stored once.
CREATE TABLE engagement_event (
    tenant_id    text        NOT NULL,
    customer_key text        NOT NULL,
    type         text        NOT NULL,
    at           timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, customer_key, type, at)
);

CREATE TABLE scorecard (
    id          uuid        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    name        text        NOT NULL,
    categories  jsonb       NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX scorecard_tenant ON scorecard (tenant_id, created_at);

-- A colleague's review of an agent's conversation; score as docs/metrics.md defines it (IQS),
-- null if nothing was rated.
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

-- Changes leave through this outbox, written in the same transaction as the change itself
-- (docs/design/outbox.md). zone: the tenant's time zone when the change was made; metrics-service
-- cuts the tenant's calendar buckets in it, so the relay names it in each delivery's token.
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
