package io.cxmeter.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The outbox's backlog on {@code /q/metrics}: {@code cxmeter_outbox_pending} (events of every
 * tenant not yet accepted by metrics-service) and {@code cxmeter_outbox_oldest_seconds} (how long
 * the oldest has waited). Summed over the producers, the pending count is metrics-service's
 * ingestion backlog: its HPA scales on it. Read every few seconds, from the partial index of
 * unpublished events.
 */
@ApplicationScoped
public class OutboxBacklog {

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    @PostConstruct
    void register() {
        Gauge.builder("cxmeter.outbox.pending", pending, AtomicLong::get)
                .description("Events not yet accepted by metrics-service, all tenants").register(registry);
        Gauge.builder("cxmeter.outbox.oldest.seconds", oldestSeconds, AtomicLong::get)
                .description("How long the oldest event not yet accepted by metrics-service has waited").register(registry);
    }

    @Scheduled(every = "${cxmeter.outbox.backlog-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> measure() {
        return pool.query("SELECT count(*) AS pending, min(created_at) AS oldest FROM outbox_event WHERE published_at IS NULL")
                .execute().invoke(rows -> {
                    Row row = rows.iterator().next();
                    pending.set(row.getLong("pending"));
                    OffsetDateTime oldest = row.getOffsetDateTime("oldest");
                    oldestSeconds.set(oldest == null ? 0
                            : Math.max(0, OffsetDateTime.now(ZoneOffset.UTC).toEpochSecond() - oldest.toEpochSecond()));
                })
                .replaceWithVoid().onFailure().recoverWithNull();
    }
}
