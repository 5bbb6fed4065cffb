-- Every change that alters what an API key lets its bearer do is announced on channel
-- cxmeter_api_keys: a key revoked, rotated, re-scoped, moved or deleted; a tenant's time zone or
-- currency changed (they travel in the internal token) or the tenant deleted. Each gateway replica
-- listens and forgets the keys it verified lately (apikeys/ApiKeyCache), so a revocation takes effect
-- on every replica at once although busy keys are no longer looked up on every request.
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
