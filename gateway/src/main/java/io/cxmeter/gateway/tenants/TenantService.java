package io.cxmeter.gateway.tenants;

import java.util.Arrays;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.gateway.apikeys.ApiKeyService;
import io.cxmeter.gateway.identity.Roles;
import io.cxmeter.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Registering tenants and their settings (table {@code tenant}). */
@ApplicationScoped
public class TenantService {

    @Inject
    Pool pool;

    @Inject
    ApiKeyService apiKeys;

    private static final String VIEW_COLUMNS = "id, name, time_zone, currency, created_at";

    /** Registers the tenant and issues its first admin key in the same transaction. */
    public Uni<RegisteredTenant> register(TenantRequest request) {
        String timeZone = request.timeZone() == null ? "UTC" : request.timeZone();
        return pool.withTransaction(connection -> connection
                .preparedQuery("INSERT INTO tenant (id, name, time_zone, currency, created_at, updated_at) VALUES ($1, $2, $3, $4, now(), now())"
                        + " ON CONFLICT (id) DO NOTHING RETURNING " + VIEW_COLUMNS)
                .execute(Tuple.from(Arrays.asList(request.id(), request.name().strip(), timeZone, request.currency())))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.conflict("Tenant '" + request.id() + "' exists already.");
                    }
                    TenantView tenant = view(rows.iterator().next());
                    return apiKeys.issue(connection, tenant.id(), "initial admin key", Set.of(Roles.ADMIN))
                            .map(key -> new RegisteredTenant(tenant, key));
                }));
    }

    public Uni<TenantView> get(String tenantId) {
        return pool.preparedQuery("SELECT " + VIEW_COLUMNS + " FROM tenant WHERE id = $1").execute(Tuple.of(tenantId))
                .map(rows -> only(rows, tenantId));
    }

    /** Changes the settings named (a null leaves one as it is). */
    public Uni<TenantView> update(String tenantId, TenantSettingsRequest changes) {
        return pool.preparedQuery("UPDATE tenant SET name = coalesce($2, name), time_zone = coalesce($3, time_zone),"
                + " currency = coalesce($4, currency), updated_at = now() WHERE id = $1 RETURNING " + VIEW_COLUMNS)
                .execute(Tuple.from(Arrays.asList(tenantId, changes.name() == null ? null : changes.name().strip(),
                        changes.timeZone(), changes.currency())))
                .map(rows -> only(rows, tenantId));
    }

    private static TenantView only(RowSet<Row> rows, String tenantId) {
        if (rows.size() == 0) {
            throw ProblemException.notFound("Tenant '" + tenantId + "' is not registered.");
        }
        return view(rows.iterator().next());
    }

    private static TenantView view(Row row) {
        return new TenantView(row.getString("id"), row.getString("name"), row.getString("time_zone"), row.getString("currency"),
                row.getOffsetDateTime("created_at"));
    }
}
