-- What the widget and public pages need of a survey: its question and follow-up question in many
-- languages (locale -> text; absent = the built-in texts), the labels its answers carry, the sites
-- that may embed it, how often one visitor is asked, and the tenant's time zone for the events of
-- answers that arrive without a tenant token (widget, rating links).
ALTER TABLE survey
    ADD COLUMN questions             jsonb,
    ADD COLUMN default_locale        text    NOT NULL DEFAULT 'en',
    ADD COLUMN ask_comment           boolean NOT NULL DEFAULT true,
    ADD COLUMN follow_up_question    jsonb,
    ADD COLUMN touchpoint            text,
    ADD COLUMN channel               text,
    ADD COLUMN allowed_origins       text    NOT NULL DEFAULT '',  -- space-separated origins
    ADD COLUMN min_days_between_asks integer NOT NULL DEFAULT 0 CHECK (min_days_between_asks BETWEEN 0 AND 365),
    ADD COLUMN zone                  text    NOT NULL DEFAULT 'UTC';

-- When a visitor (v:<id>) or customer (c:<id>) last answered a survey through the widget:
-- the server side of minDaysBetweenAsks.
CREATE TABLE widget_answer (
    tenant_id   text        NOT NULL,
    survey_id   uuid        NOT NULL REFERENCES survey (id),
    subject     text        NOT NULL,
    answered_at timestamptz NOT NULL,
    PRIMARY KEY (survey_id, subject)
);
CREATE INDEX widget_answer_tenant_subject ON widget_answer (tenant_id, subject);
