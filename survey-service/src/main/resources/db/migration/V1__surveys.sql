CREATE TABLE survey (
    id            uuid        PRIMARY KEY,
    tenant_id     text        NOT NULL,
    name          text        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('NPS', 'CSAT', 'CES', 'CUSTOM')),
    scale_min     integer     NOT NULL,
    scale_max     integer     NOT NULL,
    positive_from integer,
    status        text        NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED', 'ARCHIVED')),
    public_key    text        NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CHECK (scale_min < scale_max)
);

CREATE INDEX survey_tenant_created ON survey (tenant_id, created_at DESC, id DESC);
