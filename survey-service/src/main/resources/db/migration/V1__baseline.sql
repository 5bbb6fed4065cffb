-- survey-service schema: surveys with their texts and widget settings, responses, invitations with
-- one-click rating links, follow-ups of negative answers, and the outbox every change leaves through.

-- questions and follow_up_question: locale -> text (absent: the built-in texts). allowed_origins:
-- the sites that may embed the widget, space-separated. zone: the tenant's time zone, for the
-- events of answers that arrive without a tenant token (widget, rating links).
CREATE TABLE survey (
    id                    uuid        PRIMARY KEY,
    tenant_id             text        NOT NULL,
    name                  text        NOT NULL,
    kind                  text        NOT NULL CHECK (kind IN ('NPS', 'CSAT', 'CES', 'CUSTOM')),
    scale_min             integer     NOT NULL,
    scale_max             integer     NOT NULL,
    positive_from         integer,
    status                text        NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED', 'ARCHIVED')),
    public_key            text        NOT NULL UNIQUE,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    -- a negative response opens a follow-up ticket in ticket-service
    follow_up             boolean     NOT NULL DEFAULT false,
    questions             jsonb,
    default_locale        text        NOT NULL DEFAULT 'en',
    ask_comment           boolean     NOT NULL DEFAULT true,
    follow_up_question    jsonb,
    touchpoint            text,
    channel               text,
    allowed_origins       text        NOT NULL DEFAULT '',
    min_days_between_asks integer     NOT NULL DEFAULT 0 CHECK (min_days_between_asks BETWEEN 0 AND 365),
    zone                  text        NOT NULL DEFAULT 'UTC',
    CHECK (scale_min < scale_max)
);
CREATE INDEX survey_tenant_created ON survey (tenant_id, created_at DESC, id DESC);

-- Answers to a survey, keyed by the tenant's own id within the survey (re-imports update).
CREATE TABLE response (
    tenant_id    text             NOT NULL,
    survey_id    uuid             NOT NULL REFERENCES survey (id),
    response_key text             NOT NULL,
    score        double precision NOT NULL,
    comment      text,
    customer_id  text,
    ticket_id    text,
    agent_id     text,
    channel      text,
    touchpoint   text,
    locale       text,
    submitted_at timestamptz      NOT NULL,
    created_at   timestamptz      NOT NULL,
    updated_at   timestamptz      NOT NULL,
    PRIMARY KEY (tenant_id, survey_id, response_key)
);
CREATE INDEX response_submitted ON response (tenant_id, survey_id, submitted_at, response_key);
CREATE INDEX response_customer ON response (tenant_id, customer_id) WHERE customer_id IS NOT NULL;

-- Idempotency-Key of a server-side submission: a retry answers the first result.
CREATE TABLE response_idempotency (
    tenant_id       text        NOT NULL,
    idempotency_key text        NOT NULL,
    survey_id       uuid        NOT NULL,
    response_key    text        NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);

-- One follow-up per negative response, written with the response; the relay opens its ticket in
-- ticket-service (retried until it answers) and records the ticket's id here.
CREATE TABLE follow_up (
    tenant_id           text             NOT NULL,
    survey_id           uuid             NOT NULL,
    response_key        text             NOT NULL,
    score               double precision NOT NULL,
    channel             text,
    customer_id         text,
    agent_id            text,
    ticket_id           text,
    zone                text             NOT NULL,
    created_at          timestamptz      NOT NULL,
    attempts            integer          NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz      NOT NULL,
    follow_up_ticket_id text,
    PRIMARY KEY (tenant_id, survey_id, response_key)
);
CREATE INDEX follow_up_pending ON follow_up (next_attempt_at) WHERE follow_up_ticket_id IS NULL;

-- An invitation to answer by e-mail: an unguessable token behind one link per score. The first
-- click answers, another click within 24 hours changes the answer (never a second one).
CREATE TABLE invitation (
    id           uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL,
    survey_id    uuid        NOT NULL REFERENCES survey (id),
    token        text        NOT NULL UNIQUE,
    customer_id  text,
    ticket_id    text,
    agent_id     text,
    channel      text,
    locale       text,
    zone         text        NOT NULL,
    created_at   timestamptz NOT NULL,
    responded_at timestamptz
);
CREATE INDEX invitation_survey ON invitation (tenant_id, survey_id, created_at);

-- When a visitor (v:<id>) or customer (c:<id>) last answered a survey through the widget: the
-- server side of minDaysBetweenAsks.
CREATE TABLE widget_answer (
    tenant_id   text        NOT NULL,
    survey_id   uuid        NOT NULL REFERENCES survey (id),
    subject     text        NOT NULL,
    answered_at timestamptz NOT NULL,
    PRIMARY KEY (survey_id, subject)
);
CREATE INDEX widget_answer_tenant_subject ON widget_answer (tenant_id, subject);

-- Changes leave through this outbox, written in the same transaction as the change
-- (docs/design/outbox.md).
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
