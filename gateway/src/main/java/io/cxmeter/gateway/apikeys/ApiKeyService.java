package io.cxmeter.gateway.apikeys;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.cxmeter.gateway.identity.TenantRef;
import io.cxmeter.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The tenants' API keys (table {@code api_key}): issued, listed, rotated, revoked and matched against
 * the secret a request presents. A key is never stored, only a keyed hash found by its public prefix
 * ({@link ApiKeySecrets}); scopes are stored comma-separated.
 */
@ApplicationScoped
public class ApiKeyService {

    @Inject
    ApiKeysConfig config;

    @Inject
    Pool pool;

    @Inject
    ApiKeyCache cache;

    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);

    private static final String VIEW_COLUMNS = "id, name, prefix, scopes, created_at, revoked_at, last_used_at";

    private ApiKeySecrets secrets;

    @PostConstruct
    void init() {
        secrets = new ApiKeySecrets(config.pepper());
    }

    /** Issues a key for the tenant. */
    public Uni<NewApiKey> issue(String tenantId, String name, Set<String> scopes) {
        return issue(pool, tenantId, name, scopes);
    }

    /** Issues a key for the tenant on {@code client}: a connection inside the caller's transaction, or the pool. */
    public Uni<NewApiKey> issue(SqlClient client, String tenantId, String name, Set<String> scopes) {
        ApiKeySecrets.Issued issued = secrets.issue();
        UUID id = UUID.randomUUID();
        String stripped = name.strip();
        String stored = scopes.stream().sorted().collect(Collectors.joining(","));
        OffsetDateTime createdAt = now();
        return client.preparedQuery("INSERT INTO api_key (id, tenant_id, name, prefix, secret_hash, scopes, created_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(List.of(id, tenantId, stripped, issued.prefix(), issued.hash(), stored, createdAt)))
                .map(ignored -> new NewApiKey(id, stripped, issued.prefix(), scopeSet(stored), createdAt, issued.key()));
    }

    public Uni<List<ApiKeyView>> list(String tenantId) {
        return pool.preparedQuery("SELECT " + VIEW_COLUMNS + " FROM api_key WHERE tenant_id = $1 ORDER BY created_at")
                .execute(Tuple.of(tenantId))
                .map(rows -> rows.stream().map(ApiKeyService::view).toList());
    }

    /** Revokes at once: every later request with the key is refused. Revoking twice is harmless. */
    public Uni<ApiKeyView> revoke(String tenantId, UUID id) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("UPDATE api_key SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL")
                .execute(Tuple.of(tenantId, id, now()))
                .flatMap(ignored -> connection.preparedQuery("SELECT " + VIEW_COLUMNS + " FROM api_key WHERE tenant_id = $1 AND id = $2")
                        .execute(Tuple.of(tenantId, id)))
                .map(rows -> view(only(rows, id))));
    }

    /**
     * Gives the key a new secret: the old one stops working at once, the id, name and scopes stay.
     * A revoked key cannot be rotated.
     */
    public Uni<NewApiKey> rotate(String tenantId, UUID id) {
        ApiKeySecrets.Issued issued = secrets.issue();
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT revoked_at FROM api_key WHERE tenant_id = $1 AND id = $2 FOR UPDATE")
                .execute(Tuple.of(tenantId, id))
                .flatMap(rows -> {
                    if (only(rows, id).getOffsetDateTime("revoked_at") != null) {
                        throw ProblemException.conflict("API key " + id + " is revoked; issue a new one instead.");
                    }
                    return connection.preparedQuery("UPDATE api_key SET prefix = $3, secret_hash = $4 WHERE tenant_id = $1 AND id = $2"
                            + " RETURNING name, scopes, created_at")
                            .execute(Tuple.of(tenantId, id, issued.prefix(), issued.hash()));
                })
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new NewApiKey(id, row.getString("name"), issued.prefix(), scopeSet(row.getString("scopes")),
                            row.getOffsetDateTime("created_at"), issued.key());
                }));
    }

    /**
     * The live key matching the presented secret with its tenant, or null. Every authenticated request
     * asks this: from {@link ApiKeyCache} when this replica verified the key lately and no change to
     * keys or tenants was announced since, else with one statement.
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
                    Match match = new Match(keyId, scopeSet(row.getString("scopes")),
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

    /** The one row of the tenant's key {@code id}; a key of another tenant is as absent as a key that never existed. */
    private static Row only(RowSet<Row> rows, UUID id) {
        if (rows.size() == 0) {
            throw ProblemException.notFound("No API key " + id + ".");
        }
        return rows.iterator().next();
    }

    private static ApiKeyView view(Row row) {
        return new ApiKeyView(row.getUUID("id"), row.getString("name"), row.getString("prefix"), scopeSet(row.getString("scopes")),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("revoked_at"), row.getOffsetDateTime("last_used_at"));
    }

    /** The scopes as the column stores them (comma-separated). */
    private static Set<String> scopeSet(String scopes) {
        return Arrays.stream(scopes.split(",")).filter(s -> !s.isBlank()).collect(Collectors.toUnmodifiableSet());
    }

    /** Now, to the microsecond a timestamptz keeps, so that what is answered is what is stored. */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    public record Match(UUID keyId, Set<String> scopes, TenantRef tenant) {
    }
}
