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

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


import io.cxmeter.metrics.facts.FactStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The events delivered to metrics-service, stored idempotently by event id and applied to the facts
 * and rollups in the same transaction: a batch is stored and applied whole or not at all, so a
 * producer that retries a failed batch never leaves half of it behind, and an event received is an
 * event applied. Concurrent deliveries of a tenant may share that transaction (see {@link #grouping}).
 * Only the payloads of events of types this version does not read are kept (a later version may
 * apply them); an applied event lives on in its facts, and an erased customer's id must not outlive
 * the erasure in a payload either.
 */
@ApplicationScoped
public class ReceivedEvents {

    /**
     * Stores the events new to the tenant, in event id order: two transactions inserting the same new
     * ids (grouped deliveries that overlap after a retry) wait for each other's uncommitted rows, and in
     * delivery order they could each wait for the other (a deadlock, a 500 for one delivery). In one
     * order, one of them waits until the other commits, as the version gate does (FactStore.GATE).
     */
    private static final String INSERT = """
            INSERT INTO received_event (tenant_id, event_id, type, occurred_at, received_at, payload)
            SELECT $1, u.* FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::jsonb[])
                   AS u(event_id, type, occurred_at, received_at, payload)
            ORDER BY u.event_id
            ON CONFLICT (tenant_id, event_id) DO NOTHING
            RETURNING event_id""";

    /** Counter slots per tenant: concurrent deliveries add to different rows most of the time. */
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

    @Inject
    io.cxmeter.metrics.alerts.FreshTenants freshTenants;

    @Inject
    IngestionConfig ingestion;

    /**
     * Deliveries of one tenant (in one time zone) that arrive while the tenant's transactions are
     * busy wait and are then applied together in one transaction: as one larger batch, each of their
     * rollup rows is written once instead of once per delivery. Each delivery still gets its own
     * answer after the commit, and a failure applies them one by one so that it stays the failing
     * delivery's own.
     */
    private Grouping<Lane, Delivery, IngestionResult> grouping;

    /** Whose deliveries may be applied together. */
    private record Lane(String tenantId, ZoneId zone) {
    }

    /** One delivery's events and what they translate to. */
    private record Delivery(List<EventEnvelope> events, List<Optional<EventTranslator.Translated>> translated) {

        boolean erases() {
            return translated.stream().anyMatch(t -> t.isPresent() && t.get().erasedCustomer() != null);
        }
    }

    @Inject
    MeterRegistry registry;

    /** Transactions of deliveries committed, and the deliveries and events they applied (per instance). */
    private Counter transactions;
    private Counter deliveriesApplied;
    private Counter eventsStored;
    private Counter eventsDuplicate;

    @PostConstruct
    void start() {
        transactions = Counter.builder("cxmeter.ingestion.transactions")
                .description("Transactions of deliveries committed (one applies one or more deliveries)").register(registry);
        deliveriesApplied = Counter.builder("cxmeter.ingestion.deliveries")
                .description("Deliveries of events stored and applied").register(registry);
        eventsStored = Counter.builder("cxmeter.ingestion.events").tag("outcome", "stored")
                .description("Events of applied deliveries, stored or already received").register(registry);
        eventsDuplicate = Counter.builder("cxmeter.ingestion.events").tag("outcome", "duplicate")
                .description("Events of applied deliveries, stored or already received").register(registry);
        // A delivery that erases a customer is applied alone, as it always was: an erasure removes the
        // customer's facts stored before it, and in a group those of the other deliveries would not be.
        grouping = new Grouping<>(ingestion.transactionsPerTenant(), ingestion.maxEventsPerTransaction(),
                delivery -> delivery.erases() ? ingestion.maxEventsPerTransaction() : delivery.events().size(),
                (lane, deliveries) -> storeTogether(lane.tenantId(), lane.zone(), deliveries).invoke(this::count));
        // The backlog of this instance: deliveries waiting for their tenant's transactions (their
        // producers are waiting for the answer). Growing under load: scale out or add database CPU.
        Gauge.builder("cxmeter.ingestion.waiting", grouping, Grouping::waiting)
                .description("Deliveries waiting for a transaction of their tenant").register(registry);
    }

    private void count(List<IngestionResult> applied) {
        transactions.increment();
        deliveriesApplied.increment(applied.size());
        applied.forEach(result -> {
            eventsStored.increment(result.stored());
            eventsDuplicate.increment(result.duplicates());
        });
    }

    public Uni<IngestionResult> store(String tenantId, ZoneId zone, EventBatch batch) {
        List<EventEnvelope> events = batch.events();
        // Translated first, outside any transaction: an invalid event fails its own delivery only.
        Delivery delivery = new Delivery(events, translator.translate(events));
        // Applied: the tenant's alert rules are evaluated next.
        return grouping.submit(new Lane(tenantId, zone), delivery).invoke(applied -> freshTenants.applied(tenantId));
    }

    /** Stores and applies the deliveries in one transaction, as one batch; one result per delivery. */
    private Uni<List<IngestionResult>> storeTogether(String tenantId, ZoneId zone, List<Delivery> deliveries) {
        List<EventEnvelope> events = new ArrayList<>();
        List<Optional<EventTranslator.Translated>> translated = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            events.addAll(delivery.events());
            translated.addAll(delivery.translated());
        }
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
                    FactStore.Changes.Collector changes = new FactStore.Changes.Collector();
                    Set<String> seen = new HashSet<>();
                    List<IngestionResult> results = new ArrayList<>();
                    OffsetDateTime latest = null;
                    int i = 0;
                    for (Delivery delivery : deliveries) {
                        int stored = 0;
                        for (int end = i + delivery.events().size(); i < end; i++) {
                            // Only events never received before are applied (a batch may also repeat an id).
                            if (!fresh.contains(events.get(i).id()) || !seen.add(events.get(i).id())) {
                                continue;
                            }
                            stored++;
                            OffsetDateTime occurred = events.get(i).occurredAt();
                            latest = latest == null || occurred.isAfter(latest) ? occurred : latest;
                            translated.get(i).ifPresent(t -> {
                                if (t.erasedCustomer() == null) {
                                    changes.update(t.update());
                                } else {
                                    changes.erase(t.erasedCustomer(), t.update());
                                }
                            });
                        }
                        results.add(new IngestionResult(delivery.events().size(), stored, delivery.events().size() - stored));
                    }
                    FactStore.Changes collected = changes.changes();
                    List<String> erased = collected.erasedCustomers();
                    Uni<Void> scrubbed = erased.isEmpty() ? Uni.createFrom().voidItem()
                            : connection.preparedQuery(SCRUB).execute(Tuple.of(tenantId, erased.toArray(String[]::new)))
                                    .replaceWithVoid();
                    Uni<Void> counted = fresh.isEmpty() ? Uni.createFrom().voidItem()
                            : connection.preparedQuery(COUNT).execute(Tuple.tuple(List.of(tenantId,
                                    (short) ThreadLocalRandom.current().nextInt(COUNTER_SLOTS), (long) fresh.size(), now, latest,
                                    Duration.between(latest, now).toNanos() / 1e9))).replaceWithVoid();
                    return facts.apply(connection, tenantId, zone, collected)
                            .flatMap(applied -> scrubbed)
                            // Last: the counter row is held from here to the commit only.
                            .flatMap(applied -> counted)
                            .map(applied -> results);
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

    /** What has arrived for a tenant: how many events, when the last came, the latest instant they describe, its delivery time. */
    public record Received(long events, OffsetDateTime lastReceivedAt, OffsetDateTime latestEventAt, Double lastDeliverySeconds) {
    }

    public Uni<Received> freshness(String tenantId) {
        return pool.preparedQuery(FRESHNESS).execute(Tuple.of(tenantId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    // Received events are applied in the same transaction: none waits here.
                    return new Received(row.getLong("received"), row.get(OffsetDateTime.class, "last_received"),
                            row.get(OffsetDateTime.class, "latest_event"), row.getDouble("lag"));
                });
    }
}
