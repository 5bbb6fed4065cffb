-- Survey e-mails leave through the tenant's own SMTP relay, from its sender, in its brand.
-- The relay's password is sealed (AES-GCM with the service's delivery key) and never read back out.
CREATE TABLE mail_settings (
    tenant_id       text        PRIMARY KEY,
    host            text        NOT NULL,
    port            integer     NOT NULL,
    security        text        NOT NULL,
    username        text,
    password_sealed text,
    from_address    text        NOT NULL,
    from_name       text,
    brand_color     text,
    logo_url        text,
    updated_at      timestamptz NOT NULL
);

-- The tenant's fatigue budget, across every survey and channel: at most max_asks asks of one
-- customer per period_days days, and at least min_days_between days between two asks.
CREATE TABLE contact_policy (
    tenant_id        text        PRIMARY KEY,
    max_asks         integer     NOT NULL,
    period_days      integer     NOT NULL,
    min_days_between integer     NOT NULL,
    updated_at       timestamptz NOT NULL
);

-- When a survey sends itself: after a ticket's resolution (a delay, some channels and teams only),
-- and one reminder when unanswered.
CREATE TABLE survey_delivery (
    survey_id           uuid        PRIMARY KEY REFERENCES survey (id),
    tenant_id           text        NOT NULL,
    on_resolution       boolean     NOT NULL,
    delay_minutes       integer     NOT NULL,
    channels            text[]      NOT NULL,
    teams               text[]      NOT NULL,
    reminder_after_days integer,
    updated_at          timestamptz NOT NULL
);
CREATE INDEX survey_delivery_tenant ON survey_delivery (tenant_id) WHERE on_resolution;

-- Every survey e-mail, from scheduled to sent and answered (or failed, cancelled, skipped, with why).
-- A scheduled row is the durable timer: senders claim due rows with FOR UPDATE SKIP LOCKED.
CREATE TABLE mail_message (
    id             uuid        PRIMARY KEY,
    tenant_id      text        NOT NULL,
    survey_id      uuid        NOT NULL REFERENCES survey (id),
    kind           text        NOT NULL,
    trigger        text        NOT NULL,
    reminder_of    uuid,
    invitation_id  uuid,
    customer_id    text,
    ticket_id      text,
    resolved_at    timestamptz,
    agent_id       text,
    channel        text,
    team           text,
    recipient      text,
    recipient_name text,
    locale         text,
    zone           text        NOT NULL,
    status         text        NOT NULL,
    reason         text,
    due_at         timestamptz NOT NULL,
    attempts       integer     NOT NULL DEFAULT 0,
    first_try_at   timestamptz,
    created_at     timestamptz NOT NULL,
    sent_at        timestamptz,
    answered_at    timestamptz
);
-- One invitation per survey and resolution, however often ticket-service reports it.
CREATE UNIQUE INDEX mail_message_resolution ON mail_message (tenant_id, survey_id, ticket_id, resolved_at)
    WHERE trigger = 'ticket-resolved' AND kind = 'invitation';
CREATE UNIQUE INDEX mail_message_reminder ON mail_message (reminder_of) WHERE kind = 'reminder';
CREATE INDEX mail_message_due ON mail_message (due_at) WHERE status = 'scheduled';
CREATE INDEX mail_message_listing ON mail_message (tenant_id, created_at DESC, id DESC);
CREATE INDEX mail_message_ticket ON mail_message (tenant_id, ticket_id) WHERE status = 'scheduled';
CREATE INDEX mail_message_invitation ON mail_message (invitation_id);

-- Addresses never mailed again (unsubscribed, hard-bounced), kept as the SHA-256 of the lower-cased
-- address: the list works without holding the address itself, and outlives a customer's erasure.
CREATE TABLE suppression (
    tenant_id    text        NOT NULL,
    address_hash text        NOT NULL,
    reason       text        NOT NULL,
    detail       text,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, address_hash)
);

-- Every ask of a known customer, made or skipped, on every survey and channel: the fatigue budget
-- reads the asks made; the skips say why a customer was not asked.
CREATE TABLE customer_ask (
    id          uuid        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    customer_id text        NOT NULL,
    survey_id   uuid        NOT NULL,
    channel     text        NOT NULL,
    asked       boolean     NOT NULL,
    reason      text,
    at          timestamptz NOT NULL
);
CREATE INDEX customer_ask_customer ON customer_ask (tenant_id, customer_id, at DESC);

-- An agent's e-mail signature link for a survey: stable, one per agent and survey, no recipient.
CREATE TABLE signature_link (
    token      text        PRIMARY KEY,
    tenant_id  text        NOT NULL,
    survey_id  uuid        NOT NULL REFERENCES survey (id),
    agent_id   text        NOT NULL,
    zone       text        NOT NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (tenant_id, survey_id, agent_id)
);

-- The widget shown to a visitor (it reports that it was): the response rate's denominator on pages,
-- as an e-mail sent is in e-mail.
CREATE TABLE widget_impression (
    id          uuid        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    survey_id   uuid        NOT NULL REFERENCES survey (id),
    customer_id text,
    locale      text,
    shown_at    timestamptz NOT NULL,
    answered_at timestamptz
);
CREATE INDEX widget_impression_customer ON widget_impression (tenant_id, customer_id);
