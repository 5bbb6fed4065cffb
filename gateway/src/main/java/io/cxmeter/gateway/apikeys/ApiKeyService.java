package io.cxmeter.gateway.apikeys;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.cxmeter.gateway.identity.TenantRef;
import io.cxmeter.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ApiKeyService implements PanacheRepositoryBase<ApiKey, UUID> {

    @Inject
    ApiKeysConfig config;

    @Inject
    Pool pool;

    @Inject
    ApiKeyCache cache;

    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);

    private ApiKeySecrets secrets;

    @PostConstruct
    void init() {
        secrets = new ApiKeySecrets(config.pepper());
    }

    /** Issues a key for the tenant; joins the caller's transaction when there is one. */
    @WithTransaction
    public Uni<NewApiKey> issue(String tenantId, String name, Set<String> scopes) {
        ApiKeySecrets.Issued issued = secrets.issue();
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.tenantId = tenantId;
        key.name = name.strip();
        key.prefix = issued.prefix();
        key.secretHash = issued.hash();
        key.scopeSet(scopes);
        key.createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return persist(key).map(saved -> new NewApiKey(saved.id, saved.name, saved.prefix, saved.scopeSet(),
                saved.createdAt, issued.key()));
    }

    @WithSession
    public Uni<List<ApiKeyView>> list(String tenantId) {
        return find("tenantId = :tenant order by createdAt", Parameters.with("tenant", tenantId)).list()
                .map(keys -> keys.stream().map(ApiKeyView::of).toList());
    }

    /** Revokes at once: every later request with the key is refused. Revoking twice is harmless. */
    @WithTransaction
    public Uni<ApiKeyView> revoke(String tenantId, UUID id) {
        return find("tenantId = :tenant and id = :id", Parameters.with("tenant", tenantId).and("id", id)).firstResult()
                .map(key -> {
                    if (key == null) {
                        throw ProblemException.notFound("No API key " + id + ".");
                    }
                    if (key.revokedAt == null) {
                        key.revokedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
                    }
                    return ApiKeyView.of(key);
                });
    }

    /**
     * Gives the key a new secret: the old one stops working at once, the id, name and scopes stay.
     * A revoked key cannot be rotated.
     */
    @WithTransaction
    public Uni<NewApiKey> rotate(String tenantId, UUID id) {
        return find("tenantId = :tenant and id = :id", Parameters.with("tenant", tenantId).and("id", id)).firstResult()
                .map(key -> {
                    if (key == null) {
                        throw ProblemException.notFound("No API key " + id + ".");
                    }
                    if (key.revokedAt != null) {
                        throw ProblemException.conflict("API key " + id + " is revoked; issue a new one instead.");
                    }
                    ApiKeySecrets.Issued issued = secrets.issue();
                    key.prefix = issued.prefix();
                    key.secretHash = issued.hash();
                    return new NewApiKey(key.id, key.name, key.prefix, key.scopeSet(), key.createdAt, issued.key());
                });
    }

    /**
     * The live key matching the presented secret with its tenant, or null. Every authenticated request
     * asks this: from {@link ApiKeyCache} when this replica verified the key lately and no change to
     * keys or tenants was announced since, else with one statement on the reactive client.
     */
    public Uni<Match> authenticate(String presented) {
        String prefix = secrets.prefixOf(presented).orElse(null);
        if (prefix == null) {
            return Uni.createFrom().nullItem();
        }
        String hash = secrets.hash(presented);
        Match cached = cache.get(hash);
        if (cached != null) {
            noteUse(cached.keyId());
            return Uni.createFrom().item(cached);
        }
        long generation = cache.generation();
        return pool.preparedQuery("""
                SELECT k.id, k.scopes, k.secret_hash, t.id AS tenant_id, t.time_zone, t.currency
                FROM api_key k JOIN tenant t ON t.id = k.tenant_id
                WHERE k.prefix = $1 AND k.revoked_at IS NULL""").execute(Tuple.of(prefix)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    var row = rows.iterator().next();
                    if (!ApiKeySecrets.sameHash(hash, row.getString("secret_hash"))) {
                        return null;
                    }
                    UUID keyId = row.getUUID("id");
                    noteUse(keyId);
                    Match match = new Match(keyId, ApiKey.scopeSet(row.getString("scopes")),
                            new TenantRef(row.getString("tenant_id"), row.getString("time_zone"), row.getString("currency")));
                    cache.put(hash, match, generation);
                    return match;
                });
    }

    /** When this replica last recorded each key's use (System.nanoTime). */
    private final Map<UUID, Long> noted = new ConcurrentHashMap<>();
    private static final long NOTE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    /**
     * Records the use without delaying the request: at most one write a minute per key. Each replica
     * remembers when it last sent one, so a busy key costs one statement a minute, not one a request.
     */
    private void noteUse(UUID keyId) {
        long now = System.nanoTime();
        Long last = noted.get(keyId);
        if (last != null && now - last < NOTE_EVERY_NANOS) {
            return;
        }
        noted.put(keyId, now);
        pool.preparedQuery("UPDATE api_key SET last_used_at = now() WHERE id = $1"
                + " AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")
                .execute(Tuple.of(keyId))
                .subscribe().with(ignored -> { }, failure -> LOG.debugf("Could not record the use of API key %s: %s", keyId, failure));
    }

    public boolean isPlatformAdminKey(String presented) {
        return config.platformAdminKey().map(admin -> ApiKeySecrets.sameSecret(presented, admin)).orElse(false);
    }

    public record Match(UUID keyId, Set<String> scopes, TenantRef tenant) {
    }
}
