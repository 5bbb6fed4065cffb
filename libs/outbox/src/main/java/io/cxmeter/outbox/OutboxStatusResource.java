package io.cxmeter.outbox;

import java.time.OffsetDateTime;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.cxmeter.internalauth.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What of the caller's tenant still waits in this producer's outbox (not yet accepted by
 * metrics-service), or is owed to it before reaching the outbox ({@link PendingChanges}): how many
 * changes and since when. metrics-service asks it with the caller's own
 * token when it answers how fresh the metrics are. Not routed by the gateway.
 */
@Path("/status/v1/outbox")
public class OutboxStatusResource {

    /** The changes waiting in one producer's outbox for one tenant. */
    public record Status(String service, long pendingEvents, OffsetDateTime oldestPendingAt) {
    }

    @Inject
    Caller caller;

    @Inject
    Pool pool;

    @Inject
    Instance<PendingChanges> owed;

    @ConfigProperty(name = "quarkus.application.name")
    String application;

    @GET
    @Operation(hidden = true)
    public Uni<Status> status() {
        String tenantId = caller.tenantId();
        Uni<Status> status = pool.preparedQuery("SELECT count(*) AS pending, min(created_at) AS oldest FROM outbox_event"
                + " WHERE published_at IS NULL AND tenant_id = $1").execute(Tuple.of(tenantId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Status(application, row.getLong("pending"), row.getOffsetDateTime("oldest"));
                });
        for (PendingChanges more : owed) {
            status = status.flatMap(sum -> more.pending(tenantId).map(pending -> new Status(application,
                    sum.pendingEvents() + pending.count(), earliest(sum.oldestPendingAt(), pending.since()))));
        }
        return status;
    }

    private static OffsetDateTime earliest(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }
}
