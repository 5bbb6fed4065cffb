-- gateway schema: tenants and their API keys.

-- time_zone (IANA) and currency (ISO 4217) travel in the internal token of every call.
CREATE TABLE tenant (
    id          text        PRIMARY KEY,
    name        text        NOT NULL,
    time_zone   text        NOT NULL DEFAULT 'UTC',
    currency    text,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Keys are never stored: only a keyed hash, found by a short public prefix. last_used_at (to the
-- minute) lets operators find unused keys before revoking them.
CREATE TABLE api_key (
    id           uuid        PRIMARY KEY,
    tenant_id    text        NOT NULL REFERENCES tenant (id),
    name         text        NOT NULL,
    prefix       text        NOT NULL UNIQUE,
    secret_hash  text        NOT NULL,
    scopes       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
CREATE INDEX api_key_tenant ON api_key (tenant_id, created_at);

-- Every change that alters what an API key lets its bearer do is announced on channel
-- cxmeter_api_keys: a key revoked, rotated, re-scoped, moved or deleted; a tenant's time zone or
-- currency changed (they travel in the internal token) or the tenant deleted. Each gateway replica
-- listens and forgets the keys it verified lately (apikeys/ApiKeyCache), so a revocation takes
-- effect on every replica at once although busy keys are not looked up on every request.
-- NOTIFY is transactional: the notice goes out when the change commits, and not if it rolls back.
-- last_used_at (written at most once a minute per key and replica) is deliberately not announced.
CREATE FUNCTION cx_announce_api_key_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('cxmeter_api_keys', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE TRIGGER api_key_changed
    AFTER UPDATE OF prefix, secret_hash, scopes, revoked_at, tenant_id OR DELETE ON api_key
    FOR EACH ROW EXECUTE FUNCTION cx_announce_api_key_change();

CREATE TRIGGER tenant_changed
    AFTER UPDATE OF id, time_zone, currency OR DELETE ON tenant
    FOR EACH ROW EXECUTE FUNCTION cx_announce_api_key_change();
