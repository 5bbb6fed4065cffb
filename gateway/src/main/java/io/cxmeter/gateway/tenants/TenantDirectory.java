package io.cxmeter.gateway.tenants;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.gateway.identity.TenantRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Tenants by id, as the internal token carries them. */
@ApplicationScoped
public class TenantDirectory {

    @Inject
    Pool pool;

    /** The registered tenant, or null. */
    public Uni<TenantRef> find(String tenantId) {
        return pool.preparedQuery("SELECT id, time_zone, currency FROM tenant WHERE id = $1").execute(Tuple.of(tenantId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new TenantRef(row.getString("id"), row.getString("time_zone"), row.getString("currency"));
                });
    }
}
