-- Follow-ups opened and resolved, for the tenant's webhooks (survey-service delivers them). Written
-- by the database in the transaction that opens or resolves the follow-up, whichever path does it
-- (the API, the ticket's own events, survey-service's request), and reported by a relay until
-- survey-service has taken them.
CREATE TABLE follow_up_event (
    tenant_id       text        NOT NULL,
    id              bigserial   PRIMARY KEY,
    event_type      text        NOT NULL,
    event_key       text        NOT NULL,
    customer_id     text,
    occurred_at     timestamptz NOT NULL,
    data            jsonb       NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL
);

CREATE INDEX follow_up_event_due ON follow_up_event (next_attempt_at);
CREATE INDEX follow_up_event_customer ON follow_up_event (tenant_id, customer_id) WHERE customer_id IS NOT NULL;

CREATE FUNCTION follow_up_event_of() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    kind text;
    event_key text;
    at timestamptz;
BEGIN
    IF TG_OP = 'INSERT' THEN
        kind := 'followup.created';
        event_key := NEW.id;
        at := NEW.opened_at;
    ELSIF NEW.status = 'resolved' AND OLD.status IS DISTINCT FROM 'resolved' THEN
        kind := 'followup.resolved';
        at := coalesce(NEW.resolved_at, NEW.updated_at);
        -- Each resolution is its own event: a follow-up reopened and resolved again is told again.
        event_key := NEW.id || '@' || to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
    ELSE
        RETURN NULL;
    END IF;
    INSERT INTO follow_up_event (tenant_id, event_type, event_key, customer_id, occurred_at, data, next_attempt_at)
    VALUES (NEW.tenant_id, kind, event_key, NEW.customer_id, at, jsonb_build_object(
        'followUpId', NEW.id, 'surveyId', NEW.survey_id, 'responseId', NEW.response_key, 'ticketId', NEW.ticket_key,
        'score', NEW.score, 'channel', NEW.channel, 'customerId', NEW.customer_id, 'agentId', NEW.agent_id,
        'aboutTicketId', NEW.about_ticket, 'ownerAgentId', NEW.owner_agent, 'ownerTeamId', NEW.owner_team,
        'status', NEW.status, 'openedAt', NEW.opened_at, 'dueAt', NEW.due_at, 'contactedAt', NEW.contacted_at,
        'resolvedAt', NEW.resolved_at), now());
    RETURN NULL;
END;
$$;

CREATE TRIGGER follow_up_events AFTER INSERT OR UPDATE OF status ON follow_up
    FOR EACH ROW EXECUTE FUNCTION follow_up_event_of();
