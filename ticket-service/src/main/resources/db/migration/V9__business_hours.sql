-- Business hours: the tenant's default calendar (team_id '') and teams' own. definition is the calendar
-- as the API shows it ({timeZone, schedule, holidays}); each ticket carries its team's calendar, or
-- the default, to metrics-service, which measures business durations with it.
CREATE TABLE business_calendar (
    tenant_id  text        NOT NULL,
    team_id    text        NOT NULL,
    definition jsonb       NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, team_id)
);
