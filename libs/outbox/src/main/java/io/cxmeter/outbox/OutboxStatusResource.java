package io.cxmeter.outbox;

import java.time.OffsetDateTime;

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
 * metrics-service): how many changes and since when. metrics-service asks it with the caller's own
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

    @ConfigProperty(name = "quarkus.application.name")
    String application;

    @GET
    @Operation(hidden = true)
    public Uni<Status> status() {
        return pool.preparedQuery("SELECT count(*) AS pending, min(created_at) AS oldest FROM outbox_event"
                + " WHERE published_at IS NULL AND tenant_id = $1").execute(Tuple.of(caller.tenantId()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Status(application, row.getLong("pending"), row.getOffsetDateTime("oldest"));
                });
    }
}
