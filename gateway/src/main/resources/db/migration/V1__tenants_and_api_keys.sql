CREATE TABLE tenant (
    id          text        PRIMARY KEY,
    name        text        NOT NULL,
    time_zone   text        NOT NULL DEFAULT 'UTC',
    currency    text,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Keys are never stored: only a keyed hash, found by a short public prefix.
CREATE TABLE api_key (
    id           uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL REFERENCES tenant (id),
    name         text        NOT NULL,
    prefix       text        NOT NULL UNIQUE,
    secret_hash  text        NOT NULL,
    scopes       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);

CREATE INDEX api_key_tenant ON api_key (tenant_id, created_at);
