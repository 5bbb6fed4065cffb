-- Bulk imports that run after their request was answered (docs/api.md, "Imports"). The records
-- themselves are written in one transaction at the end; this row only reports progress and outcome.
CREATE TABLE import_job (
    id            uuid PRIMARY KEY,
    tenant_id     text NOT NULL,
    kind          text NOT NULL,
    scope         text NOT NULL DEFAULT '',
    state         text NOT NULL CHECK (state IN ('validating', 'storing', 'completed', 'failed')),
    bytes         bigint NOT NULL,
    lines_read    bigint NOT NULL DEFAULT 0,
    lines_valid   bigint NOT NULL DEFAULT 0,
    lines_invalid bigint NOT NULL DEFAULT 0,
    stored        bigint NOT NULL DEFAULT 0,
    created       bigint,
    updated       bigint,
    errors        jsonb NOT NULL DEFAULT '[]',
    detail        text,
    submitted_at  timestamptz NOT NULL,
    -- Moved by the running instance at least once a second; a stale one means the instance stopped.
    heartbeat_at  timestamptz NOT NULL,
    finished_at   timestamptz
);

-- Finished jobs are kept 30 days.
CREATE INDEX import_job_tenant_finished ON import_job (tenant_id, finished_at);
