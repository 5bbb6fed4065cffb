package io.cxmeter.metrics.events;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.metrics.facts.AggregateUpdate;
import io.cxmeter.metrics.facts.FactStore;
import io.cxmeter.metrics.freshness.Freshness;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The events delivered to metrics-service, stored idempotently by event id and applied to the facts
 * and rollups in the same transaction: a batch is stored and applied whole or not at all, so a
 * producer that retries a failed batch never leaves half of it behind, and an event received is an
 * event applied. Only the payloads of events of types this version does not read are kept (a later
 * version may apply them); an applied event lives on in its facts, and an erased customer's id must
 * not outlive the erasure in a payload either.
 */
@ApplicationScoped
public class ReceivedEvents {

    private static final String INSERT = """
            INSERT INTO received_event (tenant_id, event_id, type, occurred_at, received_at, payload)
            SELECT $1, u.* FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::jsonb[])
                   AS u(event_id, type, occurred_at, received_at, payload)
            ON CONFLICT (tenant_id, event_id) DO NOTHING
            RETURNING event_id""";

    /** Counter slots per tenant (V10): concurrent deliveries add to different rows most of the time. */
    static final int COUNTER_SLOTS = 8;

    private static final String COUNT = """
            INSERT INTO received_counter AS c (tenant_id, slot, received, last_received_at, latest_event_at, last_lag_seconds)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (tenant_id, slot) DO UPDATE SET
                received = c.received + EXCLUDED.received,
                latest_event_at = greatest(c.latest_event_at, EXCLUDED.latest_event_at),
                last_lag_seconds = CASE WHEN EXCLUDED.last_received_at >= c.last_received_at
                                        THEN EXCLUDED.last_lag_seconds ELSE c.last_lag_seconds END,
                last_received_at = greatest(c.last_received_at, EXCLUDED.last_received_at)""";

    private static final String FRESHNESS = """
            SELECT coalesce(sum(received), 0) AS received, max(last_received_at) AS last_received,
                   max(latest_event_at) AS latest_event,
                   (SELECT last_lag_seconds FROM received_counter WHERE tenant_id = $1
                     ORDER BY last_received_at DESC LIMIT 1) AS lag
            FROM received_counter WHERE tenant_id = $1""";

    /** Kept payloads (of unread types) that name an erased customer lose their payload. */
    private static final String SCRUB = """
            UPDATE received_event SET payload = NULL
             WHERE tenant_id = $1 AND payload IS NOT NULL AND payload ->> 'customerId' = ANY($2)""";

    @Inject
    Pool pool;

    @Inject
    EventTranslator translator;

    @Inject
    FactStore facts;

    public Uni<IngestionResult> store(String tenantId, ZoneId zone, EventBatch batch) {
        List<EventEnvelope> events = batch.events();
        List<Optional<EventTranslator.Translated>> translated = translator.translate(events);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        int n = events.size();
        OffsetDateTime[] received = new OffsetDateTime[n];
        java.util.Arrays.fill(received, now);
        Tuple insert = Tuple.of(tenantId,
                events.stream().map(EventEnvelope::id).toArray(String[]::new),
                events.stream().map(EventEnvelope::type).toArray(String[]::new),
                events.stream().map(EventEnvelope::occurredAt).toArray(OffsetDateTime[]::new),
                received,
                payloadsToKeep(events, translated));
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT).execute(insert)
                .flatMap(rows -> {
                    Set<String> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(row.getString("event_id")));
                    List<AggregateUpdate> updates = new ArrayList<>();
                    List<String> erased = new ArrayList<>();
                    Set<String> seen = new HashSet<>();
                    OffsetDateTime latest = null;
                    for (int i = 0; i < n; i++) {
                        // Only events never received before are applied (a batch may also repeat an id).
                        if (!fresh.contains(events.get(i).id()) || !seen.add(events.get(i).id())) {
                            continue;
                        }
                        OffsetDateTime occurred = events.get(i).occurredAt();
                        latest = latest == null || occurred.isAfter(latest) ? occurred : latest;
                        translated.get(i).ifPresent(t -> {
                            updates.add(t.update());
                            if (t.erasedCustomer() != null) {
                                erased.add(t.erasedCustomer());
                            }
                        });
                    }
                    Uni<Void> scrubbed = erased.isEmpty() ? Uni.createFrom().voidItem()
                            : connection.preparedQuery(SCRUB).execute(Tuple.of(tenantId, erased.toArray(String[]::new)))
                                    .replaceWithVoid();
                    Uni<Void> counted = fresh.isEmpty() ? Uni.createFrom().voidItem()
                            : connection.preparedQuery(COUNT).execute(Tuple.tuple(List.of(tenantId,
                                    (short) ThreadLocalRandom.current().nextInt(COUNTER_SLOTS), (long) fresh.size(), now, latest,
                                    Duration.between(latest, now).toNanos() / 1e9))).replaceWithVoid();
                    return facts.apply(connection, tenantId, zone, new FactStore.Changes(updates, erased))
                            .flatMap(applied -> scrubbed)
                            // Last: the counter row is held from here to the commit only.
                            .flatMap(applied -> counted)
                            .map(applied -> new IngestionResult(n, fresh.size(), n - fresh.size()));
                }));
    }

    private static JsonObject[] payloadsToKeep(List<EventEnvelope> events, List<Optional<EventTranslator.Translated>> translated) {
        JsonObject[] payloads = new JsonObject[events.size()];
        for (int i = 0; i < payloads.length; i++) {
            if (translated.get(i).isEmpty()) {
                payloads[i] = new JsonObject(events.get(i).payloadOrEmpty().toString());
            }
        }
        return payloads;
    }

    public Uni<Freshness> freshness(String tenantId) {
        return pool.preparedQuery(FRESHNESS).execute(Tuple.of(tenantId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    // Received events are applied in the same transaction: none is ever pending here.
                    return new Freshness(row.getLong("received"), 0, true,
                            row.get(OffsetDateTime.class, "last_received"),
                            row.get(OffsetDateTime.class, "latest_event"), row.getDouble("lag"));
                });
    }
}
