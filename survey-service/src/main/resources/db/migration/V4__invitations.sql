-- An invitation to answer by e-mail: an unguessable token behind one link per score. The first click
-- answers, another click within 24 hours changes the answer (never a second one).
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
