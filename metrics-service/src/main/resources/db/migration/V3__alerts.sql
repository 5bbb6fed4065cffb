-- Alert rules: a metric watched over a sliding window, its total or each group, with the state of
-- each watched value and the transitions waiting to be reported to survey-service (webhooks, e-mail).
-- Identifiers compare as bytes, like every identifier of this schema; names and messages are text.

CREATE TABLE alert_rule (
    id             uuid             PRIMARY KEY,
    tenant_id      text COLLATE "C"             NOT NULL,
    name           text             NOT NULL,
    metric         text COLLATE "C"             NOT NULL,
    statistic      text COLLATE "C"             NOT NULL,
    group_by       text COLLATE "C",
    -- The groups watched (none named: every group).
    watch_groups   text[]           NOT NULL,
    survey_id      text COLLATE "C",
    window_seconds bigint           NOT NULL,
    condition      text COLLATE "C"             NOT NULL,
    threshold      double precision NOT NULL,
    recover_at     double precision NOT NULL,
    min_sample     integer          NOT NULL,
    hold_seconds   bigint           NOT NULL,
    recipients     text[]           NOT NULL,
    enabled        boolean          NOT NULL,
    zone           text             NOT NULL,
    created_at     timestamptz      NOT NULL,
    updated_at     timestamptz      NOT NULL,
    -- When the rule was last evaluated, and what went wrong then (null when it went well).
    evaluated_at   timestamptz,
    last_error     text
);

CREATE INDEX alert_rule_by_tenant ON alert_rule (tenant_id, created_at, id);
CREATE INDEX alert_rule_due ON alert_rule (evaluated_at NULLS FIRST) WHERE enabled;

-- One row per watched value: the rule's total (group_key '') or one group's key.
CREATE TABLE alert_state (
    rule_id   uuid             NOT NULL REFERENCES alert_rule (id) ON DELETE CASCADE,
    group_key text COLLATE "C"             NOT NULL,
    status    text COLLATE "C"             NOT NULL,
    since     timestamptz,
    value     double precision,
    sample    bigint           NOT NULL,
    PRIMARY KEY (rule_id, group_key)
);

-- Each firing and resolution, written in the evaluation's transaction; reported at least once, then
-- kept as the rule's history.
CREATE TABLE alert_event (
    id              bigserial   PRIMARY KEY,
    tenant_id       text COLLATE "C"        NOT NULL,
    rule_id         uuid        NOT NULL REFERENCES alert_rule (id) ON DELETE CASCADE,
    group_key       text COLLATE "C"        NOT NULL,
    event_type      text COLLATE "C"        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    data            jsonb       NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    reported_at     timestamptz
);

CREATE INDEX alert_event_waiting ON alert_event (next_attempt_at, id) WHERE reported_at IS NULL;
CREATE INDEX alert_event_by_rule ON alert_event (rule_id, id);
