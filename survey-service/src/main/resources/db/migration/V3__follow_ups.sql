-- Surveys that close the loop: a negative response opens a follow-up ticket in ticket-service.
ALTER TABLE survey ADD COLUMN follow_up boolean NOT NULL DEFAULT false;

-- One follow-up per negative response, written with the response; the relay opens its ticket in
-- ticket-service (retried until it answers) and records the ticket's id here.
CREATE TABLE follow_up (
    tenant_id       text             NOT NULL,
    survey_id       uuid             NOT NULL,
    response_key    text             NOT NULL,
    score           double precision NOT NULL,
    channel         text,
    customer_id     text,
    agent_id        text,
    ticket_id       text,
    zone            text             NOT NULL,
    created_at      timestamptz      NOT NULL,
    attempts        integer          NOT NULL DEFAULT 0,
    next_attempt_at timestamptz      NOT NULL,
    follow_up_ticket_id text,
    PRIMARY KEY (tenant_id, survey_id, response_key)
);
CREATE INDEX follow_up_pending ON follow_up (next_attempt_at) WHERE follow_up_ticket_id IS NULL;
