package io.cxmeter.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.internalauth.InternalToken;
import io.cxmeter.internalauth.InternalTokenMinter;
import io.cxmeter.internalauth.RsaKeys;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Delivers the outbox to metrics-service: oldest events first, one batch per tenant, each with a
 * producer token for that tenant. Rows are marked published only after metrics-service accepted
 * them, so a crash or an outage loses nothing (metrics-service applies redeliveries once, by event
 * id). Replicas share the work through {@code FOR UPDATE SKIP LOCKED}; while delivery fails, the
 * relay backs off exponentially up to {@link OutboxConfig#maxBackoff()}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String CLAIM = """
            SELECT id, tenant_id, zone, type, occurred_at, payload FROM outbox_event
            WHERE published_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED""";

    @Inject
    Pool pool;

    @Inject
    OutboxConfig config;

    /** The producer's name (survey-service, ticket-service): issuer and subject of its delivery tokens. */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.application.name")
    String application;

    @Inject
    @RestClient
    MetricsEventsClient metrics;

    private InternalTokenMinter minter;
    private int failures;
    private Instant nextAttempt = Instant.MIN;

    @PostConstruct
    void init() {
        if (config.enabled()) {
            minter = new InternalTokenMinter(RsaKeys.privateKey(config.signingKey()), Duration.ofMinutes(1),
                    "cxmeter-" + application, InternalToken.EVENTS_AUDIENCE);
        }
    }

    @Scheduled(every = "${cxmeter.outbox.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RelayDisabled.class)
    Uni<Void> tick() {
        if (Instant.now().isBefore(nextAttempt)) {
            return Uni.createFrom().voidItem();
        }
        return drain(0)
                .invoke(delivered -> {
                    if (failures > 0) {
                        LOG.infof("Delivering events to metrics-service again after %d failed tries", failures);
                    }
                    failures = 0;
                })
                .onFailure().invoke(this::backOff)
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Delivers rounds until one finds less than a full batch: a large import's events flow at the
     * speed metrics-service applies them, not one batch per tick.
     */
    private Uni<Integer> drain(int delivered) {
        return relayOnce().flatMap(round -> round == config.batchSize()
                ? drain(delivered + round)
                : Uni.createFrom().item(delivered + round));
    }

    /** Delivers one round of pending events; the number delivered. */
    public Uni<Integer> relayOnce() {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM).execute(Tuple.of(config.batchSize()))
                .flatMap(rows -> {
                    // One delivery per tenant and time zone: the token names both.
                    Map<List<String>, List<Row>> byTenant = new LinkedHashMap<>();
                    rows.forEach(row -> byTenant.computeIfAbsent(List.of(row.getString("tenant_id"), row.getString("zone")),
                            t -> new ArrayList<>()).add(row));
                    return Multi.createFrom().iterable(byTenant.entrySet())
                            .onItem().transformToUniAndConcatenate(batch -> deliver(connection, batch.getKey().get(0),
                                    batch.getKey().get(1), batch.getValue()))
                            .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
                }));
    }

    private Uni<Integer> deliver(SqlConnection connection, String tenantId, String zone, List<Row> rows) {
        List<MetricsEventsClient.Envelope> events = new ArrayList<>(rows.size());
        UUID[] ids = new UUID[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            ids[i] = row.getUUID("id");
            events.add(new MetricsEventsClient.Envelope(ids[i].toString(), row.getString("type"),
                    row.getOffsetDateTime("occurred_at").toString(), ((JsonObject) row.getValue("payload")).getMap()));
        }
        String token = minter.mint(new InternalCaller(tenantId, application, Set.of(InternalToken.PRODUCER_ROLE), zone, null));
        return metrics.deliver("Bearer " + token, new MetricsEventsClient.Batch(events))
                .flatMap(accepted -> connection.preparedQuery("UPDATE outbox_event SET published_at = $1 WHERE id = ANY($2)")
                        .execute(Tuple.of(OffsetDateTime.now(ZoneOffset.UTC), ids)))
                .map(updated -> rows.size());
    }

    private void backOff(Throwable failure) {
        failures++;
        long seconds = Backoff.seconds(failures, config.maxBackoff());
        nextAttempt = Instant.now().plusSeconds(seconds);
        // No payloads in logs: they may carry personal data. One line a minute or so during an outage.
        if (failures == 1 || failures % 30 == 0) {
            LOG.warnf("Delivering events to metrics-service failed (%d in a row, next try in %d s): %s",
                    failures, seconds, failure.toString());
        }
    }

    /** Lets tests and single-purpose deployments switch delivery off. */
    @ApplicationScoped
    public static class RelayDisabled implements Scheduled.SkipPredicate {

        @Inject
        OutboxConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
