package io.cxmeter.outbox;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxmeter.internalauth.Caller;
import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The transactional outbox: events for metrics-service are written in the same transaction as the
 * change they describe, so a change is never stored without its event nor announced without being
 * stored. Each event has its own id, by which the receiver applies it once.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            INSERT INTO outbox_event (id, tenant_id, type, aggregate_id, occurred_at, payload, created_at, zone)
            SELECT u.id, $1, $2, u.aggregate_id, $3, u.payload, $3, $7
            FROM unnest($4::uuid[], $5::text[], $6::jsonb[]) AS u(id, aggregate_id, payload)""";

    /** One event about one aggregate (a ticket, a response, a customer, …), with its payload as an object. */
    public record Message(String aggregateId, Object payload) {
    }

    @Inject
    ObjectMapper mapper;

    @Inject
    Caller caller;

    /** Adds the events in the transaction of {@code connection}, in the zone the request's token names. */
    public Uni<Void> add(SqlConnection connection, String tenantId, String type, List<Message> messages, OffsetDateTime now) {
        return add(connection, tenantId, type, messages, now, zone());
    }

    /** Adds the events for a tenant whose time zone is {@code zone} (a change made without a tenant's token). */
    public Uni<Void> add(SqlConnection connection, String tenantId, String type, List<Message> messages, OffsetDateTime now,
            String zone) {
        return insert(connection, tenantId, type, messages, now, zone).replaceWithVoid();
    }

    /** Adds one event in the request's zone; its id, for a caller that follows its delivery. */
    public Uni<UUID> addOne(SqlConnection connection, String tenantId, String type, Message message, OffsetDateTime now) {
        return insert(connection, tenantId, type, List.of(message), now, zone()).map(ids -> ids[0]);
    }

    private Uni<UUID[]> insert(SqlConnection connection, String tenantId, String type, List<Message> messages,
            OffsetDateTime now, String zone) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(new UUID[0]);
        }
        int n = messages.size();
        UUID[] ids = new UUID[n];
        String[] aggregates = new String[n];
        JsonObject[] payloads = new JsonObject[n];
        for (int i = 0; i < n; i++) {
            ids[i] = UUID.randomUUID();
            aggregates[i] = messages.get(i).aggregateId();
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = mapper.convertValue(messages.get(i).payload(), Map.class);
            payloads[i] = new JsonObject(payload);
        }
        return connection.preparedQuery(INSERT)
                .execute(Tuple.tuple(List.of(tenantId, type, now, ids, aggregates, payloads, zone)))
                .map(done -> ids);
    }

    /** The tenant's time zone as the request's token names it (every change comes from a request). */
    public String zone() {
        return Arc.container().requestContext().isActive() ? caller.get().timeZone() : "UTC";
    }
}
