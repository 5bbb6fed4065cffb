-- Agents are named by the tenant's own ids; they exist from their first mention.
CREATE TABLE agent (
    id          uuid        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    agent_id    text        NOT NULL,
    name        text        NOT NULL,
    team        text,
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT agent_tenant_agent_id UNIQUE (tenant_id, agent_id)
);
