package io.cxmeter.outbox;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxmeter.events.EventPayload;
import io.cxmeter.internalauth.Caller;
import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The transactional outbox: events for metrics-service are written in the same transaction as the
 * change they describe, so a change is never stored without its event nor announced without being
 * stored. Each event has its own id, by which the receiver applies it once; its payload is a record of
 * the event contract (libs/events).
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            INSERT INTO outbox_event (id, tenant_id, type, aggregate_id, occurred_at, payload, created_at, zone)
            SELECT u.id, $1, u.type, u.aggregate_id, $2, u.payload, $2, $7
            FROM unnest($3::uuid[], $4::text[], $5::text[], $6::jsonb[]) AS u(id, type, aggregate_id, payload)""";

    @Inject
    ObjectMapper mapper;

    @Inject
    Caller caller;

    /** Adds the events in the transaction of {@code connection}, in the zone the request's token names. */
    public Uni<Void> add(SqlConnection connection, String tenantId, List<? extends EventPayload> events, OffsetDateTime now) {
        return add(connection, tenantId, events, now, zone());
    }

    /** Adds the events for a tenant whose time zone is {@code zone} (a change made without a tenant's token). */
    public Uni<Void> add(SqlConnection connection, String tenantId, List<? extends EventPayload> events, OffsetDateTime now,
            String zone) {
        return insert(connection, tenantId, events, now, zone).replaceWithVoid();
    }

    /** Adds one event in the request's zone; its id, for a caller that follows its delivery. */
    public Uni<UUID> addOne(SqlConnection connection, String tenantId, EventPayload event, OffsetDateTime now) {
        return insert(connection, tenantId, List.of(event), now, zone()).map(ids -> ids[0]);
    }

    private Uni<UUID[]> insert(SqlConnection connection, String tenantId, List<? extends EventPayload> events,
            OffsetDateTime now, String zone) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new UUID[0]);
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        String[] aggregates = new String[n];
        JsonObject[] payloads = new JsonObject[n];
        for (int i = 0; i < n; i++) {
            EventPayload event = events.get(i);
            ids[i] = UUID.randomUUID();
            types[i] = event.topic().wire();
            aggregates[i] = event.aggregateId();
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = mapper.convertValue(event, Map.class);
            payloads[i] = new JsonObject(payload);
        }
        return connection.preparedQuery(INSERT)
                .execute(Tuple.tuple(List.of(tenantId, now, ids, types, aggregates, payloads, zone)))
                .map(done -> ids);
    }

    /** The tenant's time zone as the request's token names it (every change comes from a request). */
    public String zone() {
        return Arc.container().requestContext().isActive() ? caller.get().timeZone() : "UTC";
    }
}
