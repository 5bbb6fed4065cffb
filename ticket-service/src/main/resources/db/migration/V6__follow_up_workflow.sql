-- The work of following up a negative survey answer: who owns it, where it stands (open → contacted
-- → resolved), when it is due, and the notes taken on the way. One row per answer, named as
-- survey-service names it (the survey's id, a colon, the response's id), beside the follow-up ticket (ticket_key) that carries the conversation and counts in the ticket metrics;
-- the two keep in step (resolving one resolves the other, reopening the ticket reopens the work).
CREATE TABLE follow_up (
    tenant_id      text             NOT NULL,
    id             text             NOT NULL,
    survey_id      text             NOT NULL,
    response_key   text             NOT NULL,
    ticket_key     text             NOT NULL,
    score          double precision,
    channel        text,
    customer_id    text,
    agent_id       text,
    about_ticket   text,
    owner_agent    text,
    owner_team     text,
    status         text             NOT NULL CHECK (status IN ('open', 'contacted', 'resolved')),
    opened_at      timestamptz      NOT NULL,
    due_at         timestamptz      NOT NULL,
    contacted_at   timestamptz,
    resolved_at    timestamptz,
    updated_at     timestamptz      NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX follow_up_ticket ON follow_up (tenant_id, ticket_key);
CREATE INDEX follow_up_listing ON follow_up (tenant_id, opened_at DESC, id DESC);
CREATE INDEX follow_up_customer ON follow_up (tenant_id, customer_id);

CREATE TABLE follow_up_note (
    id          uuid        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    follow_up_id text       NOT NULL,
    author      text        NOT NULL,
    text        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    FOREIGN KEY (tenant_id, follow_up_id) REFERENCES follow_up (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX follow_up_note_of ON follow_up_note (tenant_id, follow_up_id, created_at);

-- The tenant's rule: how long a follow-up may take, and the team whose queue gets the answers that
-- name no agent. Absent: 24 hours, no queue.
CREATE TABLE follow_up_policy (
    tenant_id         text        PRIMARY KEY,
    due_within_hours  integer     NOT NULL CHECK (due_within_hours > 0),
    queue_team        text,
    updated_at        timestamptz NOT NULL
);

-- Follow-up tickets opened before the workflow existed become follow-ups in the state of their ticket.
INSERT INTO follow_up (tenant_id, id, survey_id, response_key, ticket_key, channel, customer_id, about_ticket,
        owner_agent, owner_team, status, opened_at, due_at, resolved_at, updated_at)
SELECT t.tenant_id, substring(t.ticket_key FROM 10),
       coalesce((SELECT substring(tag FROM 8) FROM unnest(t.tags) AS tag WHERE tag LIKE 'survey:%' LIMIT 1), ''),
       substring(t.ticket_key FROM 10 + position(':' IN substring(t.ticket_key FROM 10))),
       t.ticket_key, t.channel, t.customer_id,
       (SELECT substring(tag FROM 7) FROM unnest(t.tags) AS tag WHERE tag LIKE 'about:%' LIMIT 1),
       t.assignee, t.team,
       CASE WHEN t.status IN ('resolved', 'closed') THEN 'resolved'
            WHEN t.status IN ('pending', 'on_hold') THEN 'contacted' ELSE 'open' END,
       t.created_at, t.created_at + interval '24 hours',
       CASE WHEN t.status IN ('resolved', 'closed') THEN t.resolved_at END, t.updated_at
FROM ticket t
WHERE t.ticket_key LIKE 'followup-%' AND 'follow-up' = ANY (t.tags);
