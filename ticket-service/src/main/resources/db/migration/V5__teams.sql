-- Teams group agents and own tickets; named by the tenant's own ids like agents.
CREATE TABLE team (
    id          uuid        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    team_id     text        NOT NULL,
    name        text        NOT NULL,
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT team_tenant_team_id UNIQUE (tenant_id, team_id)
);
