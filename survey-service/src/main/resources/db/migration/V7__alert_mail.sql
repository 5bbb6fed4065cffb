-- E-mail to the people an alert rule names (metrics-service reports its firings and resolutions):
-- one row per event and recipient, written with the event's webhook messages, sent through the
-- tenant's SMTP relay and retried like survey e-mail.
CREATE TABLE alert_mail (
    id         uuid        PRIMARY KEY,
    tenant_id  text        NOT NULL,
    event_key  text        NOT NULL,
    recipient  text        NOT NULL,
    subject    text        NOT NULL,
    body       text        NOT NULL,
    status     text        NOT NULL,
    reason     text,
    attempts   integer     NOT NULL DEFAULT 0,
    due_at     timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    sent_at    timestamptz,
    UNIQUE (tenant_id, event_key, recipient)
);

CREATE INDEX alert_mail_due ON alert_mail (due_at) WHERE status = 'scheduled';
