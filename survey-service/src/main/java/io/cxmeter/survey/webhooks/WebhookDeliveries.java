package io.cxmeter.survey.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.cxmeter.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The delivery log of an endpoint, and redelivery. */
@ApplicationScoped
public class WebhookDeliveries {

    /** One try: the receiver's status, how long it took and the start of its answer, or why there was none. */
    @Schema(name = "WebhookAttempt")
    public record Attempt(int attempt, Instant at, Integer statusCode, int latencyMs, String answer, String error) {
    }

    /** A message on its way to the endpoint, with every try so far. */
    @Schema(name = "WebhookDelivery")
    public record View(UUID id,
            @Schema(description = "The webhook-id header: the same on every try and every redelivery") String messageId,
            String eventType, @Schema(enumeration = { "pending", "succeeded", "failed" }) String status, int attempts,
            Instant nextAttemptAt, Instant createdAt, Instant completedAt, List<Attempt> log) {
    }

    /** A page of deliveries, newest first; {@code next} continues it. */
    @Schema(name = "WebhookDeliveries")
    public record Page(List<View> items, String next) {
    }

    private static final String SELECT = """
            SELECT d.id, d.message_id, m.event_type, d.status, d.attempts, d.next_attempt_at, d.created_at, d.completed_at
            FROM webhook_delivery d JOIN webhook_message m ON m.tenant_id = d.tenant_id AND m.id = d.message_id
            """;

    @Inject
    Pool pool;

    public Uni<Page> page(String tenantId, UUID endpoint, String status, String after, int limit) {
        java.time.OffsetDateTime afterAt = null;
        UUID afterId = null;
        if (after != null) {
            String[] parts = after.split("_", 2);
            try {
                afterAt = Instant.ofEpochSecond(0, Long.parseLong(parts[0]) * 1000).atOffset(java.time.ZoneOffset.UTC);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("cursor: not a cursor this listing gave");
            }
        }
        return pool.preparedQuery(SELECT + """
                WHERE d.tenant_id = $1 AND d.endpoint_id = $2 AND ($3::text IS NULL OR d.status = $3)
                  AND ($4::timestamptz IS NULL OR (d.created_at, d.id) < ($4, $5::uuid))
                ORDER BY d.created_at DESC, d.id DESC LIMIT $6""")
                .execute(Tuple.tuple(java.util.Arrays.asList(tenantId, endpoint, status, afterAt, afterId, limit + 1)))
                .flatMap(rows -> {
                    List<Row> found = new ArrayList<>();
                    rows.forEach(found::add);
                    String next = null;
                    if (found.size() > limit) {
                        found = found.subList(0, limit);
                        Row last = found.get(limit - 1);
                        Instant at = WebhookEndpoints.instant(last, "created_at");
                        next = (at.getEpochSecond() * 1_000_000 + at.getNano() / 1000) + "_" + last.getUUID("id");
                    }
                    List<Row> page = found;
                    String nextCursor = next;
                    return attempts(tenantId, page.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new))
                            .map(log -> new Page(page.stream().map(row -> view(row, log)).toList(), nextCursor));
                });
    }

    /** Starts the delivery over: a try now, then the whole retry schedule. */
    public Uni<View> redeliver(String tenantId, UUID endpoint, UUID id) {
        return pool.withTransaction(connection -> connection.preparedQuery(
                "SELECT enabled FROM webhook_endpoint WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, endpoint))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("No such webhook endpoint");
                    }
                    if (!rows.iterator().next().getBoolean("enabled")) {
                        throw ProblemException.conflict("The endpoint is disabled: enable it first");
                    }
                    return connection.preparedQuery("UPDATE webhook_delivery SET status = 'pending', schedule_start = attempts,"
                            + " next_attempt_at = now(), completed_at = NULL WHERE tenant_id = $1 AND endpoint_id = $2 AND id = $3")
                            .execute(Tuple.of(tenantId, endpoint, id));
                }))
                .flatMap(updated -> {
                    if (updated.rowCount() == 0) {
                        throw ProblemException.notFound("No such delivery of this endpoint");
                    }
                    return one(tenantId, endpoint, id);
                });
    }

    private Uni<View> one(String tenantId, UUID endpoint, UUID id) {
        return pool.preparedQuery(SELECT + "WHERE d.tenant_id = $1 AND d.endpoint_id = $2 AND d.id = $3")
                .execute(Tuple.of(tenantId, endpoint, id))
                .flatMap(rows -> attempts(tenantId, new UUID[] { id })
                        .map(log -> view(rows.iterator().next(), log)));
    }

    private Uni<Map<UUID, List<Attempt>>> attempts(String tenantId, UUID[] deliveries) {
        return pool.preparedQuery("SELECT delivery_id, attempt, attempted_at, status_code, latency_ms, answer, error"
                + " FROM webhook_attempt WHERE tenant_id = $1 AND delivery_id = ANY ($2) ORDER BY delivery_id, attempt")
                .execute(Tuple.of(tenantId, deliveries)).map(rows -> {
                    Map<UUID, List<Attempt>> log = new LinkedHashMap<>();
                    for (Row row : rows) {
                        log.computeIfAbsent(row.getUUID("delivery_id"), key -> new ArrayList<>())
                                .add(new Attempt(row.getInteger("attempt"), WebhookEndpoints.instant(row, "attempted_at"),
                                        row.getInteger("status_code"), row.getInteger("latency_ms"), row.getString("answer"),
                                        row.getString("error")));
                    }
                    return log;
                });
    }

    private static View view(Row row, Map<UUID, List<Attempt>> log) {
        UUID id = row.getUUID("id");
        return new View(id, "msg_" + row.getUUID("message_id"), row.getString("event_type"), row.getString("status"),
                row.getInteger("attempts"), WebhookEndpoints.instant(row, "next_attempt_at"),
                WebhookEndpoints.instant(row, "created_at"), WebhookEndpoints.instant(row, "completed_at"),
                log.getOrDefault(id, List.of()));
    }
}
