package io.cxmeter.metrics.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.metrics.freshness.Freshness;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The events delivered to metrics-service, stored idempotently by event id. A batch is one transaction: it is stored whole
 * or not at all, so a producer that retries a failed batch never leaves half of it behind.
 */
@ApplicationScoped
public class ReceivedEvents {

    private static final String INSERT = """
            INSERT INTO received_event (tenant_id, event_id, type, occurred_at, received_at, payload)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (tenant_id, event_id) DO NOTHING""";

    private static final String FRESHNESS = """
            SELECT count(*) AS received, max(received_at) AS last_received, max(occurred_at) AS latest_event
            FROM received_event WHERE tenant_id = $1""";

    @Inject
    Pool pool;

    public Uni<IngestionResult> store(String tenantId, EventBatch batch) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        List<Tuple> rows = batch.events().stream()
                .map(e -> Tuple.of(tenantId, e.id(), e.type(), e.occurredAt(), now,
                        e.payload() == null ? new JsonObject() : new JsonObject(e.payload())))
                .toList();
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT).executeBatch(rows))
                .map(result -> {
                    int stored = 0;
                    for (RowSet<?> each = result; each != null; each = each.next()) {
                        stored += each.rowCount();
                    }
                    return new IngestionResult(rows.size(), stored, rows.size() - stored);
                });
    }

    public Uni<Freshness> freshness(String tenantId) {
        return pool.preparedQuery(FRESHNESS).execute(Tuple.of(tenantId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Freshness(row.getLong("received"),
                            row.get(OffsetDateTime.class, "last_received"),
                            row.get(OffsetDateTime.class, "latest_event"));
                });
    }
}
